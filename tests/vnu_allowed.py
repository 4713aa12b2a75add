"""Nu HTML checker messages we tolerate, each with why. Two sources only: Material's own
markup, and paged-media CSS in our print guides that the checker's CSS validator predates.

Anything not listed here fails tests/test_html_valid.py.
"""

ALLOWED = {
    # Material puts autocomplete="off" on its checkbox toggles (drawer, search, tabs) so that
    # browsers do not restore a toggled state on back/forward; the HTML spec only allows the
    # attribute on text-like inputs. Harmless, and the markup is the theme's (partials/).
    "Attribute “autocomplete” is only allowed when the input type is": "Material's toggle checkboxes",
    # The print guides' running footer uses CSS Generated Content for Paged Media (W3C draft:
    # string-set and string()), which WeasyPrint implements and browsers ignore on screen; the
    # checker's CSS validator does not know these properties.
    "CSS: “content”: “string(doc-title)” is not a “content” value": "paged-media running footer",
    "CSS: “string-set”: Property “string-set” doesn't exist": "paged-media running footer",
}
