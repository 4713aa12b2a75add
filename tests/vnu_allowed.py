"""Nu HTML checker messages we tolerate, each caused by Material's own markup, with why.

Anything not listed here fails tests/test_html_valid.py.
"""

ALLOWED = {
    # Material puts autocomplete="off" on its checkbox toggles (drawer, search, tabs) so that
    # browsers do not restore a toggled state on back/forward; the HTML spec only allows the
    # attribute on text-like inputs. Harmless, and the markup is the theme's (partials/).
    "Attribute “autocomplete” is only allowed when the input type is": "Material's toggle checkboxes",
}
