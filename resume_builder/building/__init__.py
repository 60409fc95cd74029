"""`resume-builder build`: every target of a build file, in parallel, incrementally, checked."""

#: How a build's outputs go elsewhere, in the hint of an output folder that cannot be made
#: (resume_builder.output.write_set): the build file's out_dir (build has no --out-dir or -o).
OUT_DIR_HINT = "set out_dir to another folder"
