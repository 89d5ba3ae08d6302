"""Form widgets shared by the project's forms."""

import html

from django import forms
from django.utils.formats import localize
from django.utils.safestring import SafeString


def _escape(value) -> str:
    """``conditional_escape`` without its lazy-string wrapper, which cost ten times
    the rest of rendering a long list of options: safe strings stay as they are,
    everything else is escaped exactly as Django's ``escape`` does."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """An option's attributes as the project's ``attrs.html`` prints them (no class)."""
    return "".join(
        f" {_escape(name)}" if value is True else f' {_escape(name)}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def options_html(optgroups) -> SafeString:
    """The ``<option>`` and ``<optgroup>`` elements of a choice widget's ``optgroups``.

    Labels are localised and escaped as ``{{ label }}`` in a template would be;
    values and attributes are escaped. Nothing is interpolated unescaped.
    """
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escape(localize(group_name))}">')
        parts.extend(
            f'\n  <option value="{_escape(option["value"])}"'
            f"{_attrs(option['attrs']) if option['attrs'] else ''}>"
            f"{_escape(localize(option['label']))}</option>"
            for option in options
        )
        if group_name:
            parts.append("\n  </optgroup>")
    return SafeString("".join(parts))


class Select(forms.Select):
    """Django's select with its options rendered in Python, not one template each.

    Django renders every option through ``select_option.html`` and
    ``attrs.html``: for the 357 municipalities of a filter form that took
    longer than the rest of the list page. The markup is the same but for
    whitespace (the select itself still goes through the project's
    ``attrs.html`` and gets ``ds-input``); the selected option, optgroups and
    option attributes come from Django's own ``optgroups()``.
    ``option_template_name`` is not used.
    """

    template_name = "core/widgets/select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["options_html"] = options_html(context["widget"]["optgroups"])
        return context
