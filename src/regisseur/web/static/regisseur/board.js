// The workflow board: drag a card to another column to move the application. Each card keeps
// its own stage select and Move button, for keyboards, touch screens and browsers without
// JavaScript; this file only adds the dragging and posts the same form.
"use strict";
(() => {
  const board = document.querySelector("[data-board]");
  if (!board) {
    return;
  }
  const status = document.getElementById("board-status");
  let dragged = null;

  const columnOf = (node) => (node instanceof Element ? node.closest(".board-column") : null);
  const recount = (column) => {
    const cards = column.querySelectorAll(".board-card").length;
    column.querySelector(".count").textContent = `(${cards})`;
    column.querySelector(".board-empty").hidden = cards > 0;
  };
  const place = (card, column) => {
    const from = columnOf(card);
    column.querySelector(".board-cards").appendChild(card);
    card.querySelector("select[name=stage]").value = column.dataset.stage;
    recount(from);
    recount(column);
  };
  const say = (text, failed) => {
    status.textContent = text;
    status.classList.toggle("failed", failed);
  };

  board.addEventListener("dragstart", (event) => {
    const card = event.target instanceof Element ? event.target.closest(".board-card") : null;
    if (!card) {
      return;
    }
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.application);
  });
  board.addEventListener("dragend", () => {
    if (dragged) {
      dragged.classList.remove("dragging");
    }
    board.querySelectorAll(".drop-target").forEach((column) => column.classList.remove("drop-target"));
    dragged = null;
  });
  board.addEventListener("dragover", (event) => {
    const column = columnOf(event.target);
    if (!dragged || !column) {
      return;
    }
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    board.querySelectorAll(".drop-target").forEach((other) => {
      if (other !== column) {
        other.classList.remove("drop-target");
      }
    });
    column.classList.add("drop-target");
  });
  board.addEventListener("drop", async (event) => {
    const column = columnOf(event.target);
    const card = dragged;
    if (!card || !column) {
      return;
    }
    event.preventDefault();
    column.classList.remove("drop-target");
    const from = columnOf(card);
    if (from === column) {
      return;
    }
    const form = card.querySelector("form.move-form");
    place(card, column);
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const answer = await response.json();
      if (!response.ok || !answer.moved) {
        place(card, from);
        say(answer.message, true);
        return;
      }
      say(answer.message, false);
    } catch (error) {
      place(card, from);
      say(board.dataset.failed, true);
    }
  });
})();
