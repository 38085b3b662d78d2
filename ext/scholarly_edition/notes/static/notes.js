// Note previews: a page carries one preview per note, after its text
// (previews.py); it is moved beside the marker the reader hovers, focuses or
// taps, so that it stands by that marker and Tab goes from the marker into the
// preview's links. Each marker's link is described by its preview (screen
// readers announce it), and on a touch screen the first tap on a marker opens
// its preview while a second tap follows the link to the note. Without
// JavaScript the marker is a link to the note on the notes page.

// The preview of marker "ref-{note}-{use}" is "preview-{note}".
function previewOf(marker) {
  const id = marker && marker.id ? marker.id.replace(/^ref-(.+)-\d+$/, "preview-$1") : "";
  const preview = id && id !== marker.id ? document.getElementById(id) : null;
  return preview && preview.classList.contains("note-preview") ? preview : null;
}

function markerOf(element) {
  return element && element.closest ? element.closest("sup.note-ref") : null;
}

// The preview stands right after the marker the reader is at.
function place(marker) {
  const preview = previewOf(marker);
  if (preview && marker.nextElementSibling !== preview) marker.after(preview);
}

// The preview shown by this marker, if it is beside it.
function shownBy(marker) {
  const preview = previewOf(marker);
  return preview && marker.nextElementSibling === preview ? preview : null;
}

document.addEventListener("DOMContentLoaded", () => {
  for (const link of document.querySelectorAll("sup.note-ref > a")) {
    const preview = previewOf(link.parentElement);
    if (preview) link.setAttribute("aria-describedby", preview.id);
  }
});

// In the capture phase, before the handlers below and reader.js see the event.
for (const type of ["mouseover", "focusin", "click"]) {
  document.addEventListener(type, (event) => place(markerOf(event.target)), true);
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("sup.note-ref > a");
  const open = document.querySelectorAll("sup.note-ref.note-open");
  if (!link) {
    open.forEach((marker) => marker.classList.remove("note-open"));
    return;
  }
  if (!window.matchMedia("(hover: none)").matches) return;
  const marker = link.parentElement;
  if (!marker.classList.contains("note-open")) {
    event.preventDefault();
    open.forEach((other) => other.classList.remove("note-open"));
    marker.classList.add("note-open");
  }
});

// A shown preview stands fully on the screen: it keeps its own width (CSS)
// and moves left when the marker is near the right edge (it was squeezed to
// a narrow box there), right when near the left one.
const EDGE = 8;

function fit(marker) {
  const preview = shownBy(marker);
  if (!preview) return;
  preview.style.marginLeft = "";
  const box = preview.getBoundingClientRect();
  if (!box.width) return;
  const room = document.documentElement.clientWidth;
  let shift = Math.min(0, room - EDGE - box.right);
  if (box.left + shift < EDGE) shift = EDGE - box.left;
  if (shift) preview.style.marginLeft = `${shift}px`;
}

document.addEventListener("mouseover", (event) => fit(markerOf(event.target)));
document.addEventListener("focusin", (event) => fit(markerOf(event.target)));
document.addEventListener("click", (event) => fit(markerOf(event.target)));

// Escape closes whatever preview is shown, by hover, focus or tap, without
// moving the pointer or focus (WCAG 1.4.13); it shows again once the pointer
// and focus have left its marker and come back.
function engaged(marker) {
  const preview = shownBy(marker);
  const inside = (element) => element.matches(":hover") || element.matches(":focus-within");
  return inside(marker) || (preview !== null && inside(preview));
}

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const marker of document.querySelectorAll("sup.note-ref")) {
    const preview = shownBy(marker);
    if (preview && preview.checkVisibility()) marker.classList.add("note-dismissed");
    marker.classList.remove("note-open", "note-focus");
  }
});

function restore() {
  for (const marker of document.querySelectorAll("sup.note-ref.note-dismissed")) {
    if (!engaged(marker)) marker.classList.remove("note-dismissed");
  }
}

document.addEventListener("mouseout", () => setTimeout(restore));
document.addEventListener("focusout", () => setTimeout(restore));
