// Margin annotations. On a desktop, or a tablet 55rem wide or wider
// (annotations.css), each floats into the right margin at the top of the block
// it precedes, however far down that block its words stand (one stood 320 px
// above them): each is moved down to the line of its words, in order, so that
// one never overlaps the one before. On a phone, or a narrower tablet,
// there is no margin: an annotation is hidden until its marker (†N) is tapped
// or pressed, and opens in place, under the line of the marker.
// On a wide screen the in-page contents stand in the same margin: they fold
// to their heading while an annotation is in the upper two thirds of the
// window, as the book theme does for its own margin content, on the pages
// that have contents (the theme's script assumes every page has them).
(() => {
  const MARGIN = window.matchMedia("(min-width: 55rem)");

  function notes() {
    return [...document.querySelectorAll("aside.annotation-note[id]")];
  }

  function markerOf(note) {
    return document.querySelector(`sup.annotation-ref > a[href="#${CSS.escape(note.id)}"]`);
  }

  function wordsOf(note) {
    const words = document.getElementById(note.id.replace(/^annotation-/, "annotated-"));
    return words || markerOf(note);
  }

  function level() {
    const all = notes();
    all.forEach((note) => {
      note.style.marginTop = "";
    });
    if (!MARGIN.matches) return;
    for (const note of all) {
      const words = wordsOf(note);
      if (!words) continue;
      const below = words.getClientRects()[0].top - note.getBoundingClientRect().top;
      if (below > 0) note.style.marginTop = `${below}px`;
    }
  }

  function close(note) {
    note.classList.remove("annotation-open");
    note.style.top = note.style.left = note.style.right = "";
    const marker = markerOf(note);
    if (marker) marker.setAttribute("aria-expanded", "false");
  }

  function open(note, marker) {
    notes().forEach((other) => other !== note && close(other));
    note.classList.add("annotation-open");
    marker.setAttribute("aria-expanded", "true");
    const parent = note.offsetParent || document.body;
    const frame = parent.getBoundingClientRect();
    const line = marker.getBoundingClientRect();
    note.style.top = `${line.bottom - frame.top + 4}px`;
    note.style.left = `${8 - frame.left}px`;
    note.style.right = `${8 - (document.documentElement.clientWidth - frame.right)}px`;
  }

  function foldContents() {
    const contents = document.querySelector("div.bd-sidebar-secondary");
    if (!contents || !window.IntersectionObserver) return;
    const shown = new Set();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) shown.add(entry.target);
          else shown.delete(entry.target);
        }
        contents.classList.toggle("hide", shown.size > 0);
      },
      { rootMargin: "0px 0px -33% 0px" },
    );
    notes().forEach((note) => observer.observe(note));
  }

  document.addEventListener("DOMContentLoaded", () => {
    foldContents();
    for (const note of notes()) {
      const marker = markerOf(note);
      if (marker) {
        marker.setAttribute("aria-controls", note.id);
        marker.setAttribute("aria-expanded", "false");
      }
    }
    level();
  });
  // Fonts and images change where the words stand.
  window.addEventListener("load", level);
  window.addEventListener("resize", level);
  if (document.fonts) document.fonts.ready.then(level);

  document.addEventListener("click", (event) => {
    const marker = event.target.closest && event.target.closest("sup.annotation-ref > a");
    const note = marker && document.getElementById(marker.hash.slice(1));
    if (!MARGIN.matches && note && note.matches("aside.annotation-note")) {
      event.preventDefault();
      if (note.classList.contains("annotation-open")) close(note);
      else open(note, marker);
      return;
    }
    if (!event.target.closest("aside.annotation-note")) notes().forEach(close);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const shown = notes().filter((note) => note.classList.contains("annotation-open"));
    shown.forEach(close);
    const marker = shown.length && markerOf(shown[0]);
    if (marker && shown[0].contains(document.activeElement)) marker.focus();
  });
  MARGIN.addEventListener("change", () => notes().forEach(close));
})();
