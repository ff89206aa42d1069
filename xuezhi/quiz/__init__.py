"""Taking a quiz and making a paper: question selection (select), the session engine (session),
the paper model (paper), its assembly (assemble) and how its items read (paper_text). Pure."""
