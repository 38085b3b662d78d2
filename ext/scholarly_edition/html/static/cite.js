// "Cite": a button at the top of every page opens a dialog with the citation
// of the edition (window.editionCitation, formatted at build time from
// CITATION.cff) completed with the passage: the chapter (the page's title),
// the section and the paragraph the reader followed (its number in the margin
// is its permalink), the address and the date of access. The citation is
// given as text and, for reference managers, as biblatex, CSL-JSON and RIS,
// each with a copy button. The address is the edition's canonical one (the
// page's <link rel="canonical">, from html_baseurl) when it is known, and
// otherwise the address the reader is reading. The dialog's words are the
// edition's language's (window.editionLabels, html/labels.py).
(() => {
  const ACCESSED = new Date();
  const LABELS = window.editionLabels;

  // The element holding the page's text, whatever the theme (html/text_container.py).
  function textContainer() {
    const mark = document.querySelector("span.edition-text");
    return mark ? mark.parentElement : null;
  }

  function plainText(element) {
    const copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
    return copy.textContent.trim();
  }

  function headingOf(section) {
    const heading = section && section.querySelector(":scope > :is(h1, h2, h3, h4, h5, h6)");
    return heading ? plainText(heading) : "";
  }

  // The editors' rubric before the paragraph ("The article's lead (the
  // editors' heading)") names a part of a page without sections; its
  // remark in parentheses is about the heading, not part of its name.
  function rubricBefore(element, section) {
    let item = element;
    while (item.parentElement && item.parentElement !== section) item = item.parentElement;
    for (let node = item.previousElementSibling; node; node = node.previousElementSibling) {
      if (node.matches(".rubric")) return plainText(node).replace(/\s*\([^()]*\)$/, "");
    }
    return "";
  }

  // The paragraph the address points at, if it is a numbered paragraph.
  function citedParagraph() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return null;
    const link = target.querySelector(`a.paragraph-link[href="#${CSS.escape(id)}"]`);
    return link ? { id, number: link.textContent.trim(), element: target } : null;
  }

  // The page's path from the edition's root ("consolidation-of-power/1927-1931"),
  // for a key that is the same on every copy of the edition.
  function pagePath() {
    const root = new URL(document.documentElement.dataset.content_root || "./", window.location);
    const path = decodeURIComponent(window.location.pathname.slice(root.pathname.length));
    return path.replace(/\.html$/, "").replace(/(^|\/)index$/, "$1") || "index";
  }

  // On the whole text on one page (singlehtml) each document's first section
  // follows a marker <span id="document-NAME">: that section is the chapter.
  function documentStart(section) {
    const marker = section && section.previousElementSibling;
    return marker && marker.matches('span[id^="document-"]') ? marker.id.slice(9) : "";
  }

  function chapterOf(element) {
    for (let section = element.closest("section"); section; ) {
      if (documentStart(section)) return section;
      section = section.parentElement.closest("section");
    }
    return textContainer().querySelector("section");
  }

  function passage() {
    const data = window.editionCitation;
    const paragraph = citedParagraph();
    const first = textContainer().querySelector("section");
    const top = paragraph ? chapterOf(paragraph.element) : first;
    const heading = headingOf(top);
    // The front page's heading is the edition's title: its text has no chapter.
    const chapter = heading && heading !== data.title ? heading : "";
    let section = "";
    if (paragraph) {
      const own = paragraph.element.closest("section");
      section = own && own !== top ? `§ ${headingOf(own)}` : rubricBefore(paragraph.element, own);
    }
    const place = [section, paragraph ? `paragraph ${paragraph.number}` : ""]
      .filter(Boolean)
      .join(", ");
    const canonical = document.querySelector('link[rel="canonical"]');
    const page = canonical ? canonical.href : window.location.href.split("#")[0];
    // The key names the document and the paragraph as the pages do, also on
    // the one-page text, whose anchors carry "--<document>".
    const slug = (documentStart(top) || pagePath())
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "");
    const anchor = paragraph ? paragraph.id.replace(/--.*$/, "") : "";
    const key = [data.key, slug, anchor].filter(Boolean).join("-");
    return { data, chapter, place, url: page + (paragraph ? `#${paragraph.id}` : ""), key };
  }

  function dateParts(iso) {
    return iso.split("-").map((part) => Number(part));
  }

  function text(cite) {
    const day = ACCESSED.toLocaleDateString("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    const where = [cite.chapter ? `“${cite.chapter}”` : "", cite.place].filter(Boolean).join(", ");
    return {
      before: cite.data.before,
      title: cite.data.title,
      after: `${cite.data.after}${where ? ` ${where}.` : ""} ${cite.url} (accessed ${day}).`,
    };
  }

  function bibtexEscape(value) {
    return value.replace(/([&%$#_{}])/g, "\\$1").replace(/~/g, "\\textasciitilde{}");
  }

  function biblatex(cite) {
    const fields = cite.data.fields.filter(([name]) => name !== "url");
    const addon = [cite.chapter ? `“${cite.chapter}”` : "", cite.place].filter(Boolean).join(", ");
    const at = fields.findIndex(([name]) => name === "title") + 1;
    if (addon) fields.splice(at, 0, ["titleaddon", bibtexEscape(addon)]);
    if (!fields.some(([name]) => name === "date")) fields.push(["date", cite.data.date]);
    fields.push(["url", cite.url], ["urldate", ACCESSED.toISOString().slice(0, 10)]);
    const lines = fields.map(([name, value]) => `  ${name} = {${value}},`);
    return `@online{${cite.key},\n${lines.join("\n")}\n}`;
  }

  function cslJson(cite) {
    const item = {
      id: cite.key,
      type: "webpage",
      title: cite.chapter || cite.data.title,
    };
    if (cite.chapter) item["container-title"] = cite.data.title;
    if (cite.place) item.section = cite.place;
    Object.assign(item, {
      editor: [{ literal: cite.data.editors }],
      version: cite.data.version,
      issued: { "date-parts": [dateParts(cite.data.date)] },
      accessed: { "date-parts": [dateParts(ACCESSED.toISOString().slice(0, 10))] },
      URL: cite.url,
      note: cite.data.source,
    });
    if (cite.data.language) item.language = cite.data.language;
    return JSON.stringify([item], null, 2);
  }

  function ris(cite) {
    const rows = [
      ["TY", "ELEC"],
      ["ID", cite.key],
      ["ED", cite.data.editors],
      ["TI", cite.chapter || cite.data.title],
    ];
    if (cite.chapter) rows.push(["T2", cite.data.title]);
    if (cite.place) rows.push(["SE", cite.place]);
    rows.push(
      ["ET", cite.data.version],
      ["PY", cite.data.date.slice(0, 4)],
      ["DA", cite.data.date.replace(/-/g, "/")],
      ["UR", cite.url],
      ["Y2", ACCESSED.toISOString().slice(0, 10).replace(/-/g, "/")],
    );
    if (cite.data.language) rows.push(["LA", cite.data.language]);
    rows.push(["N1", cite.data.source], ["ER", ""]);
    return rows.map(([tag, value]) => `${tag}  - ${value}`.trimEnd()).join("\n") + "\n";
  }

  const FORMATS = [
    { name: "biblatex", label: "BibTeX (biblatex)", make: biblatex },
    { name: "csl-json", label: "CSL-JSON", make: cslJson },
    { name: "ris", label: "RIS", make: ris },
  ];

  function copyButton(label, text) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm cite-copy";
    button.textContent = label;
    button.dataset.label = label;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text());
        button.textContent = LABELS.copied;
      } catch {
        button.textContent = LABELS.copyFailed;
      }
    });
    return button;
  }

  function fill(dialog) {
    const cite = passage();
    const paragraph = citedParagraph();
    dialog.querySelector("h2").textContent = paragraph
      ? LABELS.citeParagraph.replace("{number}", paragraph.number)
      : LABELS.citePage;
    const parts = text(cite);
    const shown = dialog.querySelector(".cite-text");
    const title = document.createElement("i");
    title.textContent = parts.title;
    shown.replaceChildren(parts.before, title, parts.after);
    for (const format of FORMATS) {
      dialog.querySelector(`pre.cite-${format.name}`).textContent = format.make(cite);
    }
    dialog.querySelectorAll(".cite-copy").forEach((button) => {
      button.textContent = button.dataset.label;
    });
  }

  function makeDialog() {
    const dialog = document.createElement("dialog");
    dialog.className = "cite-dialog apparatus";
    dialog.setAttribute("aria-labelledby", "cite-dialog-title");
    const heading = document.createElement("h2");
    heading.id = "cite-dialog-title";
    const shown = document.createElement("p");
    shown.className = "cite-text";
    const actions = document.createElement("p");
    actions.className = "cite-actions";
    actions.append(copyButton(LABELS.copyCitation, () => shown.textContent));
    dialog.append(heading, shown, actions);
    for (const format of FORMATS) {
      const label = document.createElement("p");
      label.className = "cite-label";
      label.id = `cite-label-${format.name}`;
      label.textContent = format.label;
      const block = document.createElement("pre");
      block.className = `cite-format cite-${format.name}`;
      block.tabIndex = 0;
      block.setAttribute("aria-labelledby", label.id);
      const copy = document.createElement("p");
      copy.className = "cite-actions";
      copy.append(copyButton(LABELS.copyFormat.replace("{format}", format.label), () => block.textContent));
      dialog.append(label, block, copy);
    }
    const close = document.createElement("button");
    close.type = "button";
    close.className = "btn btn-sm cite-close";
    close.textContent = LABELS.close;
    close.addEventListener("click", () => dialog.close());
    const closing = document.createElement("p");
    closing.className = "cite-actions";
    closing.append(close);
    dialog.append(closing);
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    // Escape closes the dialog explicitly: Chromium's built-in cancel did not
    // fire in the browser tests (tests/browser).
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") dialog.close();
    });
    document.body.append(dialog);
    return dialog;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const text = textContainer();
    if (!window.editionCitation || !text) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-sm pst-navbar-icon cite-button";
    button.title = LABELS.citeTitle;
    button.setAttribute("aria-haspopup", "dialog");
    button.textContent = LABELS.cite;
    const bar = document.querySelector(".article-header-buttons");
    if (bar) {
      bar.prepend(button);
    } else {
      text.prepend(button);
    }
    let dialog = null;
    button.addEventListener("click", () => {
      dialog = dialog || makeDialog();
      fill(dialog);
      dialog.showModal();
    });
  });
})();
