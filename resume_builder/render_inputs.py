"""The files a render reads, named before it renders: the one list the build's input hash
(building/inputs.py) and watch mode (watching.py) take them from.

A render of a résumé reads the profile and the files it includes, a variant file, the photo
(``basics.photo``), the job posting and its theme; a letter, besides, the letter file (named
by ``--letter``, a build target or the variant's ``letter:``), the variant file a letter
file names, and the signature image (``signature.image``). A theme is read whole: every file
in its folder and its parents' (``extends``): templates, style sheets, images, fonts, a
``reference_docx``, whether the folder is a ``themes/`` folder of the project, a built-in
theme or an installed package (an entry point); and the font files it declares in a font
package (``[[fonts]] package``).

Finding them loads the profile, the variant and the letter and looks the theme up, as
:func:`resume_builder.pipeline.prepare` does, with the same functions, but builds no
document and lays nothing out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from resume_builder.pipeline import RenderRequest


@dataclass(frozen=True)
class RenderInputs:
    """What one render reads.

    ``files``: the project's files (profile, included files, variant, letter and posting
    files, photo, signature), each once, in the order read; a file that is missing is
    listed all the same (its absence decides the render too). ``folders``: (label, folder)
    pairs read whole, the theme's folders, child first, labelled ``theme NAME`` by the theme
    each belongs to, so they can be named wherever they are installed. ``fonts``: (label,
    file) pairs of font files outside those folders (in a font package), labelled by
    package and path inside it.
    """

    files: tuple[Path, ...]
    folders: tuple[tuple[str, Path], ...]
    fonts: tuple[tuple[str, Path], ...] = ()

    def __or__(self, other: "RenderInputs") -> "RenderInputs":
        return RenderInputs(_once(self.files + other.files), _once(self.folders + other.folders),
                            _once(self.fonts + other.fonts))


def render_inputs(request: RenderRequest, *, letter: str | None = None, document: str = "resume") -> RenderInputs:
    """What rendering ``request`` reads: ``document`` ``resume``, ``letter`` (the letter
    ``letter`` names: a name, a file or None, as :func:`resume_builder.letter_pipeline.prepare_letter`
    takes it) or ``bundle`` (both). Raises UserError for what the render would refuse (a
    profile, variant, letter or theme that cannot be loaded), as the render would."""
    if document == "bundle":
        return render_inputs(request) | render_inputs(request, letter=letter, document="letter")
    from resume_builder import pipeline

    if document == "letter":
        from resume_builder.loading.letters import load_letter

        loaded = load_letter(request.profile, letter, request.variant, lang=request.lang,
                             input_format=request.input_format)
        chosen, letter_files = loaded.chosen, letter_inputs(loaded)
    else:
        from resume_builder.loading.variants import load_variant

        chosen, letter_files = load_variant(request.profile, request.variant, lang=request.lang,
                                            input_format=request.input_format), ()
    tailored = pipeline.Tailored(chosen.base.profile, chosen.base, chosen.variant, chosen.name, chosen.stem,
                                 chosen.variant_path, chosen.source, chosen.at)
    theme = pipeline._located_theme(request, tailored)
    files = [*profile_inputs(chosen.base), *([chosen.variant_path] if chosen.variant_path else []),
             *letter_files, *([request.posting] if request.posting is not None else [])]
    return RenderInputs(_once(tuple(files)), *theme_inputs(theme))


def profile_inputs(loaded: Any) -> list[Path]:
    """The files a loaded profile (:class:`~resume_builder.loading.LoadedProfile`) makes a render
    read: itself, the files it includes and its photo."""
    from resume_builder.images import photo_file

    photo = photo_file(loaded.profile.basics.photo, loaded.folder)
    return [loaded.path, *loaded.included, *([photo] if photo is not None else [])]


def letter_inputs(loaded: Any) -> list[Path]:
    """The files a loaded letter (:class:`~resume_builder.loading.letters.LoadedLetter`) makes a
    render read besides its profile's: the letter file and its signature image."""
    from resume_builder.images import photo_file

    signature = loaded.letter.signature
    folder = loaded.path.parent if loaded.path is not None else loaded.chosen.base.folder
    image = photo_file(signature.image, folder) if signature is not None else None
    return [*([loaded.path] if loaded.path is not None else []), *([image] if image is not None else [])]


def theme_inputs(theme: Any) -> tuple[tuple[tuple[str, Path], ...], tuple[tuple[str, Path], ...]]:
    """A :class:`~resume_builder.theming.Theme`'s folders (labelled) and the font files it
    declares outside them (in a font package, labelled ``font PACKAGE/DIR/FILE``). A font
    package that is not installed gives none: the render says so."""
    from resume_builder.containment import is_inside
    from resume_builder.errors import UserError

    folders = tuple((f"theme {manifest.name}", folder) for manifest, folder in zip(theme.manifests, theme.folders))
    fonts: list[tuple[str, Path]] = []
    for font in theme.fonts:
        if not font.package:
            continue  # in a theme folder, read whole above
        try:
            base, root = theme._font_base(font, theme.folder)
        except UserError:
            continue
        for name in dict.fromkeys(font.files.model_dump(exclude_none=True).values()):
            path = root / base / name if base else root / name
            if not any(is_inside(path, folder) for _label, folder in folders):
                fonts.append((f"font {font.package}/{Path(base, name).as_posix()}", path))
    return folders, _once(tuple(fonts))


def _once(items: tuple) -> tuple:
    return tuple(dict.fromkeys(items))
