"""Import a UN debate summary (plain text taken out of a PDF, or Markdown) as a draft debate.

The work is split so that every step can be used and tested on its own:

* :mod:`.parse` rebuilds paragraphs and sections from the raw text
  (:func:`~.parse.parse_summary`);
* :mod:`.classify` splits paragraphs into sentences and proposes the
  attribution of each statement (actor kinds, extent, stance);
* :mod:`.keywords` proposes themes and topics from an editable keyword list;
* :mod:`.proposal` holds the proposed debate (plain dataclasses, nothing saved)
  and :func:`~.proposal.to_json`;
* :mod:`.services` decodes uploaded bytes and previews or saves the proposal
  (:func:`~.services.summary_decode`, :func:`~.services.summary_preview`,
  :func:`~.services.summary_import`).

Only :mod:`.services` touches the database.
"""
