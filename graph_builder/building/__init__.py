"""The build's stages, each a function from one typed value to the next (run in order by
:func:`graph_builder.build.run_build`): :mod:`.plan` → :mod:`.load` → :mod:`.check` →
:mod:`.write`, with :mod:`.incremental` (the previous store brought up to date),
:mod:`.folder` (the build folder's names and checks) and :mod:`.summary`."""
