// Phrase search, on the search page only (phrase_search.py). A query with a
// phrase in double quotes ("Central Committee", or “…” as phone keyboards
// type them) runs Sphinx's own search for its words, then keeps the pages
// whose text contains every phrase (case and spacing ignored, whole words)
// and links each to the paragraph of the phrase's first occurrence. The text
// of the pages (searchphrases.js, written at build time beside
// searchindex.js) is loaded only for such a query. A query without quotes
// goes to Sphinx's search untouched.
(() => {
  if (typeof Search === "undefined" || typeof Search._performSearch !== "function") return;

  const QUOTED = /["\u201c\u201d]([^"\u201c\u201d]*)(?:["\u201c\u201d]|$)/g;
  const WORD = /[\p{L}\p{N}_]/u;
  let texts = null;

  // Lower case, one space for any run of white space, one apostrophe.
  function normalise(text) {
    return text
      .normalize("NFC")
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .replace(/\s+/g, " ")
      .trim();
  }

  function parse(query) {
    const phrases = [];
    const rest = query.replace(QUOTED, (match, phrase) => {
      const clean = normalise(phrase);
      if (clean) phrases.push(clean);
      return " ";
    });
    return { phrases, rest, words: query.replace(/["\u201c\u201d]/g, " ") };
  }

  // A phrase matches whole words: "Central Committee" is not in "Central Committees".
  function matcher(phrase) {
    const body = phrase.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    const start = WORD.test(phrase[0]) ? "(?<![\\p{L}\\p{N}_])" : "";
    const end = WORD.test(phrase[phrase.length - 1]) ? "(?![\\p{L}\\p{N}_])" : "";
    return new RegExp(start + body + end, "u");
  }

  function load() {
    if (!texts) {
      texts = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = `${document.documentElement.dataset.content_root || ""}searchphrases.js`;
        script.onload = () => {
          const data = window.editionPhraseText;
          if (!data) return reject(new Error("searchphrases.js holds no text"));
          const pages = new Map();
          for (const [docname, blocks] of Object.entries(data)) {
            pages.set(
              docname,
              blocks.map(([anchor, text]) => [anchor, normalise(text)]),
            );
          }
          resolve(pages);
        };
        script.onerror = () => reject(new Error("searchphrases.js did not load"));
        document.head.append(script);
      });
    }
    return texts;
  }

  // Pages containing every phrase: docname -> anchor of the first phrase's first block.
  function pagesWith(pages, phrases) {
    const patterns = phrases.map(matcher);
    const found = new Map();
    for (const [docname, blocks] of pages) {
      const first = blocks.find(([, text]) => patterns[0].test(text));
      if (!first) continue;
      if (patterns.every((pattern) => blocks.some(([, text]) => pattern.test(text)))) {
        found.set(docname, first[0]);
      }
    }
    return found;
  }

  function hasFreeWords(rest) {
    return splitQuery(rest).some(
      (word) => !stopwords.has(word.toLowerCase()) && !/^\d+$/.test(word),
    );
  }

  function phraseQuery(parsed, pages) {
    const [searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms] =
      Search._parseQuery(parsed.words);
    const found = pagesWith(pages, parsed.phrases);
    const results = Search._performSearch(
      searchQuery,
      searchTerms,
      excludedTerms,
      highlightTerms,
      objectTerms,
    ).filter((result) => found.has(result[0]));
    for (const result of results) {
      const anchor = found.get(result[0]);
      if (result[6] === SearchResultKind.text && !result[2] && anchor) result[2] = `#${anchor}`;
    }
    // Words Sphinx does not index (numbers, "the", "of") can make a phrase;
    // with no other words in the query, the pages holding it are the result.
    if (!hasFreeWords(parsed.rest)) {
      const listed = new Set(results.map((result) => result[0]));
      const index = Search._index;
      index.docnames.forEach((docname, file) => {
        if (!found.has(docname) || listed.has(docname)) return;
        const anchor = found.get(docname);
        results.push([
          docname,
          index.titles[file],
          anchor ? `#${anchor}` : "",
          null,
          Scorer.term,
          index.filenames[file],
          SearchResultKind.text,
        ]);
      });
    }
    results.sort(_orderResultsByScoreThenName);
    // The summary under each result shows the text around the phrase.
    const summaryTerms = new Set([...searchTerms, ...parsed.phrases]);
    _displayNextItem(results, results.length, summaryTerms, highlightTerms);
  }

  const wordQuery = Search.query;
  Search.query = (query) => {
    const parsed = parse(query);
    if (!parsed.phrases.length) {
      wordQuery(query);
      return;
    }
    load().then(
      (pages) => phraseQuery(parsed, pages),
      () => wordQuery(parsed.words),
    );
  };
})();
