"""From a candidate source file to the data folder: ``accept`` and the review page.

:mod:`.resolve` turns a candidate's ``unresolved:`` items into links and new entities,
:mod:`.entity_files` writes entity entries as text, :mod:`.accept` checks a candidate on a
copy of the data folder and writes it, and :mod:`.app` serves the review page.
"""
