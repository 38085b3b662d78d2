// Phrase search, on the search page only (phrase_search.py). A query with a
// phrase in double quotes ("Central Committee", or “…” as phone keyboards
// type them) runs Sphinx's own search for its words, then keeps the pages
// whose text contains every phrase (case and spacing ignored, whole words)
// and links each to the paragraph of the phrase's first occurrence. The text
// of the pages (searchphrases.js, written at build time beside
// searchindex.js) is loaded when a query is made. A query without quotes is
// Sphinx's search, with the pages where a word of the query stands as typed
// (diacritics aside) before those that have only another form of a name
// ("Koba" finds first the chapter that says "Koba", then the others about
// Stalin); without the text, it is Sphinx's search untouched.
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

  const UNDECOMPOSED = { ł: "l", ø: "o", đ: "d", ı: "i", ß: "s", æ: "a", œ: "o", þ: "t", ð: "d" };

  // Diacritics dropped, one character for one, as the index folds them.
  function fold(text) {
    return [...text]
      .map((c) => UNDECOMPOSED[c] || c.normalize("NFD")[0])
      .join("");
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
              blocks.map(([anchor, text]) => [anchor, normalise(text), fold(normalise(text))]),
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
    // One result per page, leading to the phrase's paragraph: the Index of
    // Names gave a result for each tagged mention on the page, each leading
    // to its name, not to the phrase.
    const best = new Map();
    for (const result of results) {
      const kept = best.get(result[0]);
      if (!kept || result[4] > kept[4]) best.set(result[0], result);
    }
    const unique = [...best.values()];
    for (const result of unique) {
      const anchor = found.get(result[0]);
      result[2] = anchor ? `#${anchor}` : "";
      result[6] = SearchResultKind.text;
    }
    unique.sort(_orderResultsByScoreThenName);
    // The summary under each result shows the text around the phrase.
    const summaryTerms = new Set([...searchTerms, ...parsed.phrases]);
    _displayNextItem(unique, unique.length, summaryTerms, highlightTerms);
  }

  // A page where a word of the query stands as typed ranks above every page
  // that has it only through another form of a name (the register's forms
  // are the pages' search keywords, search_terms.py).
  function literalFirst(query, pages) {
    const [searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms] =
      Search._parseQuery(query);
    const results = Search._performSearch(
      searchQuery,
      searchTerms,
      excludedTerms,
      highlightTerms,
      objectTerms,
    );
    const typed = splitQuery(query)
      .filter((word) => !stopwords.has(word.toLowerCase()))
      .map((word) => matcher(fold(normalise(word))));
    const literal = new Map();
    for (const [docname, blocks] of pages) {
      literal.set(
        docname,
        typed.some((pattern) => blocks.some(([, , plain]) => pattern.test(plain))),
      );
    }
    // A tier above every score Sphinx gives: an entry of the Index of Names
    // (one per mention) counts as the mention's own words ("Tiflis").
    const boost = 1000;
    for (const result of results) {
      const words =
        result[6] === SearchResultKind.index
          ? typed.some((pattern) => pattern.test(fold(normalise(result[1]))))
          : literal.get(result[0]);
      if (words) result[4] += boost;
    }
    results.sort(_orderResultsByScoreThenName);
    _displayNextItem(results, results.length, searchTerms, highlightTerms);
  }

  const wordQuery = Search.query;
  Search.query = (query) => {
    const parsed = parse(query);
    if (!parsed.phrases.length) {
      load().then(
        (pages) => literalFirst(query, pages),
        () => wordQuery(query),
      );
      return;
    }
    load().then(
      (pages) => phraseQuery(parsed, pages),
      () => wordQuery(parsed.words),
    );
  };
})();
