"""Build hook: compile the message catalogs (.po) into the wheel as .mo.

The .mo files are build output and ignored by git (so hatch would leave them
out on its own): a regular wheel gets them compiled into a temporary folder
and force-included; an editable install runs from the checkout, so they are
compiled in place next to their .po. screening/web/catalogs.py does the work; it
is loaded by path because the build environment has Babel but not Flask.
"""
import importlib.util
import shutil
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _catalogs(root):
    spec = importlib.util.spec_from_file_location("_screening_catalogs", Path(root) / "screening" / "web" / "catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        catalogs = _catalogs(self.root)
        if version == "editable":
            for po in catalogs.po_files():
                catalogs.compile_po(po, po.with_suffix(".mo"))
            return
        self._out = Path(tempfile.mkdtemp(prefix="screening-mo-"))
        package_root = Path(self.root)
        for po in catalogs.po_files():
            relative = po.relative_to(package_root).with_suffix(".mo")
            mo = self._out / relative
            catalogs.compile_po(po, mo)
            build_data["force_include"][str(mo)] = relative.as_posix()

    def finalize(self, version, build_data, artifact_path):
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
