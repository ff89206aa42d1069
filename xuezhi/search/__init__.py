"""Finding articles: query parsing (query), the index and ranking (index), typo correction
(typo) and snippets (snippet). Pure: returns Hits, the terminal draws them."""
