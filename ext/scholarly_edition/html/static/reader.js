// Keyboard: a note's preview stays open while focus is on its marker or inside
// the preview, so Tab reaches the preview's links (a citation's link to its work).
// CSS alone cannot: Chromium drops focus from a link whose preview closes as
// the marker loses :focus-within.
(() => {
  function owner(element) {
    const marker = element && element.closest && element.closest("sup.note-ref");
    if (marker) return marker;
    const preview = element && element.closest && element.closest(".note-preview");
    return preview ? preview.previousElementSibling : null;
  }

  function keepOpen(marker) {
    document.querySelectorAll("sup.note-ref.note-focus").forEach((other) => {
      if (other !== marker) other.classList.remove("note-focus");
    });
    if (marker) marker.classList.add("note-focus");
  }

  document.addEventListener("focusin", (event) => keepOpen(owner(event.target)));
  document.addEventListener("focusout", (event) => {
    if (!event.relatedTarget) keepOpen(null);
  });
})();

// The ☰ button of sphinx-book-theme (book_theme.py): the book theme blurs it on every click, to
// drop its tooltip, so a keyboard reader lost their place: a second Enter did
// nothing, and closing the sidebar's dialog (Escape) left focus on the page's
// body. Focus goes back to the button after a keyboard press (a click of
// detail 0) and whenever the sidebar's dialog closes.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".bd-header-article .primary-toggle");
  if (!toggle) return;
  // On the document, in the capture phase: the book theme stops the click's
  // propagation at the button on a wide screen. The timeout runs after it.
  document.addEventListener(
    "click",
    (event) => {
      if (event.detail === 0 && toggle.contains(event.target)) setTimeout(() => toggle.focus());
    },
    true,
  );
  const modal = document.getElementById("pst-primary-sidebar-modal");
  if (modal) modal.addEventListener("close", () => setTimeout(() => toggle.focus()));
});

// Accessibility of the theme's furniture (axe-core, tests/browser): the search
// button's name must contain its visible text ("Search Ctrl+K"), the
// sidebar's expand/collapse toggles need a name, and the bibliography's
// role="list" (docutils) must hold list items, not the deprecated
// doc-biblioentry role.
document.addEventListener("DOMContentLoaded", () => {
  for (const entry of document.querySelectorAll('[role="list"] > [role="doc-biblioentry"]')) {
    entry.setAttribute("role", "listitem");
  }
  for (const button of document.querySelectorAll(".search-button-field[aria-label]")) {
    button.removeAttribute("aria-label");
  }
  for (const summary of document.querySelectorAll(".bd-sidebar-primary li > details > summary")) {
    const link = summary.parentElement.parentElement.querySelector(":scope > a");
    if (!summary.textContent.trim() && !summary.hasAttribute("aria-label")) {
      const title = link ? link.textContent.trim() : window.editionLabels.thisPart;
      summary.setAttribute("aria-label", window.editionLabels.sectionsOf.replace("{title}", title));
    }
  }
});

// Names: hovering or tapping a name shows what the register says of it (its
// index form, dates and description, from window.editionNames, written for
// this page at build time) with a link to its entry in the Index of Names.
// The first mention of each name on a page is itself a link to that entry
// (names_nodes.py): keyboard focus on it shows the same preview, which
// describes the link (aria-describedby) while shown; Escape hides it and
// Enter follows the link. On a touch screen the first tap on that link
// previews, a second follows it. Later mentions are not tab stops.
(() => {
  let preview = null;
  let shown = null;
  let tapped = null;

  function entryOf(span) {
    // "name-<entry>-<n>", and on the one-page text "--<document>" after it.
    return span.id.replace(/^name-/, "").replace(/--.*$/, "").replace(/-\d+$/, "");
  }

  function linkOf(span) {
    return span && span.querySelector(":scope > a.name-link");
  }

  function build() {
    preview = document.createElement("span");
    preview.className = "name-preview apparatus";
    preview.id = "name-preview";
    preview.setAttribute("role", "tooltip");
    preview.hidden = true;
    preview.addEventListener("mouseleave", hide);
    document.body.append(preview);
  }

  function show(span) {
    const data = window.editionNames[entryOf(span)];
    if (!data) return;
    if (!preview) build();
    const title = document.createElement("strong");
    title.textContent = data.index;
    const parts = [title];
    if (data.dates) parts.push(` (${data.dates})`);
    parts.push(document.createElement("br"), data.description);
    if (data.href) {
      const link = document.createElement("a");
      link.href = data.href;
      link.textContent = window.editionLabels.namesIndex;
      parts.push(" ", link);
    }
    const before = linkOf(shown);
    if (before) before.removeAttribute("aria-describedby");
    preview.replaceChildren(...parts);
    preview.hidden = false;
    const box = span.getBoundingClientRect();
    const width = Math.min(preview.offsetWidth, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    preview.style.left = `${left + window.scrollX}px`;
    preview.style.top = `${box.bottom + window.scrollY + 4}px`;
    shown = span;
    const link = linkOf(span);
    if (link) link.setAttribute("aria-describedby", preview.id);
  }

  function hide() {
    if (preview) preview.hidden = true;
    const link = linkOf(shown);
    if (link) link.removeAttribute("aria-describedby");
    shown = null;
    tapped = null;
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!window.editionNames) return;
    for (const span of document.querySelectorAll("span.name[title]")) {
      if (window.editionNames[entryOf(span)]) {
        span.dataset.index = span.title;
        span.removeAttribute("title");
      }
    }
    document.addEventListener("mouseover", (event) => {
      const span = event.target.closest && event.target.closest("span.name");
      if (span && span !== shown) show(span);
      else if (!span && shown && !(preview && preview.contains(event.target))) hide();
    });
    // Focus from the keyboard (not from a click or tap, which focus the link
    // too) previews the name; leaving it hides the preview.
    document.addEventListener("focusin", (event) => {
      const link = event.target.closest && event.target.closest("a.name-link");
      if (link && link.matches(":focus-visible")) show(link.parentElement);
    });
    document.addEventListener("focusout", (event) => {
      const link = event.target.closest && event.target.closest("a.name-link");
      const into = preview && preview.contains(event.relatedTarget);
      if (link && shown === link.parentElement && !into) hide();
    });
    document.addEventListener("click", (event) => {
      const span = event.target.closest("span.name");
      const link = event.target.closest("a");
      if (span && link && link.classList.contains("name-link")) {
        // A touch screen cannot hover: its first tap previews. A click from
        // the keyboard (Enter, detail 0) or a mouse follows the link.
        const touch = window.matchMedia("(hover: none)").matches;
        if (touch && event.detail !== 0 && tapped !== span) {
          event.preventDefault();
          show(span);
          tapped = span;
        }
      } else if (span && !link) {
        show(span);
        tapped = span;
      } else if (!(preview && preview.contains(event.target))) {
        hide();
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape") hide();
    });
  });
})();
