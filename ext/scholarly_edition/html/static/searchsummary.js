// The summary under each search result is the text's own words around the
// match: Sphinx's search takes the whole main block of the page, so the
// summaries began with the theme's buttons ("System Settings Light Dark",
// the download menu) and ran through note previews and paragraph numbers.
// Only the article is read, without what the search index leaves out
// (class no-search: the previews), the margin numbers and the margin
// annotations; a match is found with diacritics folded, as the index folds
// them ("Pilsudski" finds "Piłsudski").
(() => {
  if (typeof Search === "undefined") return;

  const DROPPED = [
    ".headerlink",
    "script",
    "style",
    ".no-search",
    "a.paragraph-link",
    "aside.annotation-note",
    "sup.annotation-ref",
  ];
  const UNDECOMPOSED = { ł: "l", ø: "o", đ: "d", ı: "i", ß: "s", æ: "a", œ: "o", þ: "t", ð: "d" };

  // One character for one, so that a position in the folded text is one in the text.
  function fold(text) {
    return [...text.toLowerCase()]
      .map((c) => UNDECOMPOSED[c] || c.normalize("NFD")[0])
      .join("");
  }

  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const article =
      page.querySelector('[role="main"] article.bd-article') ||
      page.querySelector('[role="main"]');
    if (!article) return "";
    article.querySelectorAll(DROPPED.join(", ")).forEach((element) => element.remove());
    const block = anchor ? article.querySelector(anchor) : null;
    return (block || article).textContent.replace(/\s+/g, " ").trim();
  };

  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor);
    if (text === "") return null;
    const folded = fold(text);
    const found = [...keywords]
      .map((keyword) => folded.indexOf(fold(keyword)))
      .filter((index) => index > -1)
      .slice(-1)[0];
    const start = Math.max((found || 0) - 120, 0);
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent =
      (start ? "..." : "") + text.substr(start, 240).trim() + (start + 240 < text.length ? "..." : "");
    return summary;
  };
})();
