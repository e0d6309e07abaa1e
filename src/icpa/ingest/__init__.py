"""Adding an article to a project: its text stored and pinned (:mod:`~icpa.ingest.reading`),
proposals read from it by rules (:mod:`~icpa.ingest.propose`), written as a draft in the
curated format for a person to review (:mod:`~icpa.ingest.draft`)."""
