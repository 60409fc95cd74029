"""`resume-builder build`: every target of a build file, in parallel, incrementally, checked."""
