"""A module as a SCORM 1.2 package: its pages (render/lms_pages.py) and an imsmanifest.xml, in one zip.

One SCO per module: the LMS launches index.html, whose runtime (render/lms_files/scorm12.js) reports
"incomplete" on open and "completed" once every story has been opened. The manifest carries the
module's title, summary and objectives (as IMS metadata 1.2.1 classifications with the purpose
"Educational Objective") and lists every file of the package. It is written with xml.etree and
validates against the SCORM 1.2 schemas (IMS CP 1.1.2, ADL CP 1.2, IMS MD 1.2.1); the tests
check it against the schema files in tests/schemas/scorm12/.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..content.model import Course, Module
from ..render.lms_pages import LAUNCH_PAGE, ModulePackage, module_package
from .zip_writer import write_zip

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MANIFEST = "imsmanifest.xml"
ET.register_namespace("", IMSCP)
ET.register_namespace("adlcp", ADLCP)
ET.register_namespace("imsmd", IMSMD)


def scorm_manifest(course: Course, package: ModulePackage, language: str = "en") -> bytes:
    module = package.module
    manifest = ET.Element(f"{{{IMSCP}}}manifest", {"identifier": package.identifier, "version": "1"})
    metadata = ET.SubElement(manifest, f"{{{IMSCP}}}metadata")
    ET.SubElement(metadata, f"{{{IMSCP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.2"
    metadata.append(_lom(course, module, language))

    organizations = ET.SubElement(manifest, f"{{{IMSCP}}}organizations", {"default": f"{package.identifier}-org"})
    organization = ET.SubElement(organizations, f"{{{IMSCP}}}organization", {"identifier": f"{package.identifier}-org"})
    ET.SubElement(organization, f"{{{IMSCP}}}title").text = _title(course.title)
    item = ET.SubElement(organization, f"{{{IMSCP}}}item",
                         {"identifier": f"{package.identifier}-item", "identifierref": f"{package.identifier}-sco"})
    ET.SubElement(item, f"{{{IMSCP}}}title").text = _title(f"Module {module.number}: {module.title}")

    resources = ET.SubElement(manifest, f"{{{IMSCP}}}resources")
    resource = ET.SubElement(resources, f"{{{IMSCP}}}resource", {
        "identifier": f"{package.identifier}-sco", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco",
        "href": LAUNCH_PAGE})
    for name in sorted(package.files):
        ET.SubElement(resource, f"{{{IMSCP}}}file", {"href": name})
    ET.indent(manifest, space="  ")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(manifest, encoding="unicode") + "\n").encode("utf-8")


def _title(text: str) -> str:
    return text[:200]  # the schema's longest title


def _langstring(parent: ET.Element, text: str, language: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{IMSMD}}}langstring", {XML_LANG: language})
    element.text = text
    return element


def _vocabulary(parent: ET.Element, tag: str, value: str) -> None:
    element = ET.SubElement(parent, f"{{{IMSMD}}}{tag}")
    _langstring(ET.SubElement(element, f"{{{IMSMD}}}source"), "LOMv1.0", "x-none")
    _langstring(ET.SubElement(element, f"{{{IMSMD}}}value"), value, "x-none")


def _lom(course: Course, module: Module, language: str) -> ET.Element:
    lom = ET.Element(f"{{{IMSMD}}}lom")
    general = ET.SubElement(lom, f"{{{IMSMD}}}general")
    _langstring(ET.SubElement(general, f"{{{IMSMD}}}title"), module.title, language)
    ET.SubElement(general, f"{{{IMSMD}}}language").text = language
    description = module.meta.summary or f"Module {module.number} of {course.title}"
    _langstring(ET.SubElement(general, f"{{{IMSMD}}}description"), description, language)
    for objective in module.meta.objectives:
        classification = ET.SubElement(lom, f"{{{IMSMD}}}classification")
        _vocabulary(classification, "purpose", "Educational Objective")
        _langstring(ET.SubElement(classification, f"{{{IMSMD}}}description"), objective, language)
    return lom


def write_scorm_package(course: Course, module: Module, site_dir: Path, target: Path, epoch: int,
                        language: str = "en") -> Path:
    """The module's SCORM 1.2 package at `target` (a zip), dated `epoch`, written atomically."""
    package = module_package(course, module, site_dir, language)
    entries = dict(package.files)
    entries[MANIFEST] = scorm_manifest(course, package, language)
    return write_zip(target, entries.items(), epoch)
