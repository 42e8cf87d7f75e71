/* ramus-plan-history.c — undo and redo of a plan for the widgets that edit it
 *
 * The plan panel and the case form (in a window of its own) both edit one
 * plan, and both take the edits back with the same "plan.undo" and
 * "plan.redo" actions and the same keys. The actions find the plan through
 * the widget's "plan" property, so a widget that edits a plan needs no
 * handlers of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ramus-plan-history"

#include "config.h"

#include "ramus-plan-history.h"

static void
history_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  g_autoptr(RamusPlan) plan = NULL;

  g_object_get (widget, "plan", &plan, NULL);
  if (plan == NULL)
    return;
  if (g_str_equal (name, "plan.undo"))
    ramus_plan_undo (plan);
  else
    ramus_plan_redo (plan);
}

/**
 * ramus_plan_history_install_actions:
 * @widget_class: the class of a widget with a "plan" property (a #RamusPlan)
 *
 * Installs "plan.undo" and "plan.redo", bound to Ctrl+Z and Ctrl+Shift+Z
 * while the focus is in the widget. Call it after the "plan" property is
 * installed.
 */
void
ramus_plan_history_install_actions (GtkWidgetClass *widget_class)
{
  GParamSpec *pspec;

  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));
  pspec = g_object_class_find_property (G_OBJECT_CLASS (widget_class), "plan");
  g_return_if_fail (pspec != NULL && g_type_is_a (pspec->value_type, RAMUS_TYPE_PLAN));

  gtk_widget_class_install_action (widget_class, "plan.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "plan.redo", NULL, history_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "plan.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "plan.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "plan.redo", NULL);
}

static void
add_window_shortcut (GtkShortcutController *controller,
                     const char            *accel,
                     const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel),
                                                          gtk_named_action_new (action)));
}

/**
 * ramus_plan_history_add_window_shortcuts:
 * @widget: a widget whose class installed the actions
 *
 * Ctrl+Z and Ctrl+Shift+Z anywhere in the widget's window, not only with
 * the focus in the widget: a text field that has the focus still undoes
 * its own typing first.
 */
void
ramus_plan_history_add_window_shortcuts (GtkWidget *widget)
{
  GtkEventController *shortcuts;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  add_window_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>z", "plan.undo");
  add_window_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control><Shift>z", "plan.redo");
  gtk_widget_add_controller (widget, shortcuts);
}

/**
 * ramus_plan_history_update_actions:
 * @widget: a widget whose class installed the actions
 * @plan: (nullable): the plan it edits
 *
 * Enables each action only when there is an edit to take back or redo.
 */
void
ramus_plan_history_update_actions (GtkWidget *widget,
                                   RamusPlan *plan)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (plan == NULL || RAMUS_IS_PLAN (plan));

  gtk_widget_action_set_enabled (widget, "plan.undo", plan && ramus_plan_can_undo (plan));
  gtk_widget_action_set_enabled (widget, "plan.redo", plan && ramus_plan_can_redo (plan));
}
