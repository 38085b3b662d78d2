// Note previews: each marker's link is described by its preview (screen
// readers announce it), and on a touch screen the first tap on a marker opens
// its preview while a second tap follows the link to the note.
document.addEventListener("DOMContentLoaded", () => {
  for (const link of document.querySelectorAll("sup.note-ref > a")) {
    const preview = link.parentElement.nextElementSibling;
    if (preview && preview.classList.contains("note-preview")) {
      link.setAttribute("aria-describedby", preview.id);
    }
  }
});

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

document.addEventListener("keydown", (event) => {
  if (event.key === "Escape") {
    document
      .querySelectorAll("sup.note-ref.note-open")
      .forEach((marker) => marker.classList.remove("note-open"));
  }
});
