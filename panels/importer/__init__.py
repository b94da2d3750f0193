"""Import a UN debate summary (plain text taken out of a PDF, or Markdown) as a draft debate.

The work is split so that every step can be used and tested on its own:

* :mod:`.parse` rebuilds paragraphs and sections from the raw text
  (:func:`~.parse.parse_summary`);
* :mod:`.classify` splits paragraphs into sentences and proposes the
  attribution of each statement (actor kinds, extent, stance);
* :mod:`.keywords` proposes themes and topics from an editable keyword list;
* :mod:`.proposal` holds the proposed debate (plain dataclasses, nothing saved)
  and :func:`~.proposal.to_json`.

Nothing here imports Django (``tests/panels/test_importer.py`` checks it), so the
importer can be run, tested and benchmarked as plain Python.  Decoding uploaded
bytes, previewing and saving a proposal as a draft debate is
:mod:`panels.importing` (:func:`~panels.importing.summary_decode`,
:func:`~panels.importing.summary_preview`,
:func:`~panels.importing.summary_import`), the importer's only contact with the
database.
"""
