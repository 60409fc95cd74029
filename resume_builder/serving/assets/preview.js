// The preview page: listens to the server's events and shows the last good render.
// Every text from the server is set with textContent (never parsed as HTML).
"use strict";

const $ = (id) => document.getElementById(id);
const LABELS = { theme: "as the profile says", variant: "none (whole profile)", lang: "profile's own", page_size: "theme's" };
let shown = 0; // the good render on the page

function fillSelect(select, name, choices, value) {
  const wanted = [""].concat(choices || []);
  if (value && !wanted.includes(value)) wanted.push(value);
  const current = Array.from(select.options).map((o) => o.value);
  if (current.join("\n") !== wanted.join("\n")) {
    select.replaceChildren(...wanted.map((choice) => {
      const option = document.createElement("option");
      option.value = choice;
      option.textContent = choice === "" ? LABELS[name] : choice;
      return option;
    }));
  }
  select.value = value || "";
}

function item(text, className) {
  const li = document.createElement("li");
  if (className) li.className = className;
  li.textContent = text;
  return li;
}

function showCoverage(report) {
  const panel = $("coverage");
  panel.hidden = !report;
  if (!report) return;
  const c = report.coverage;
  const title = [report.posting.title, report.posting.company].filter(Boolean).join(" at ");
  $("coverage-summary").textContent =
    `${title ? title + ": " : ""}${c.percent}% of ${c.total} terms shown` +
    ` (required ${c.required_covered} of ${c.required_total}).`;
  const lists = { required: [], preferred: [] };
  for (const k of report.keywords) {
    const li = document.createElement("li");
    const term = document.createElement("span");
    term.className = "term " + (k.covered ? "yes" : "no");
    term.textContent = k.keyword;
    li.append(term);
    if (k.evidence) {
      const where = document.createElement("span");
      where.className = "evidence";
      where.textContent = `${k.evidence.title}: ${k.evidence.text}`;
      li.append(where);
    }
    (k.importance === "required" ? lists.required : lists.preferred).push(li);
  }
  $("coverage-required").replaceChildren(...lists.required);
  $("coverage-preferred").replaceChildren(...lists.preferred);
  $("coverage-missing").replaceChildren(...(report.missing.length ? report.missing.map((m) => item(m)) : [item("nothing: every term is shown", "")]));
}

function showPages(render) {
  const pages = $("pages");
  if (!render || render.generation === shown) return;
  const images = [];
  for (let n = 1; n <= render.pages; n++) {
    const img = new Image();
    img.alt = `Page ${n} of ${render.pages}`;
    img.className = "page";
    img.src = `/render/${render.generation}/page-${n}.png`;
    images.push(img);
  }
  // Swap in the new pages once they are all decoded, so the page never flashes blank.
  Promise.all(images.map((img) => img.decode().catch(() => null))).then(() => {
    if (render.generation < shown) return;
    shown = render.generation;
    pages.replaceChildren(...images);
    document.body.dataset.render = String(render.generation);
  });
  $("pdf").href = `/render/${render.generation}/resume.pdf`;
  $("docx").href = `/render/${render.generation}/resume.docx`;
  $("pdf").download = `${render.stem}.pdf`;
}

function show(state) {
  $("profile").textContent = state.profile;
  for (const name of ["theme", "variant", "lang", "page_size"]) {
    fillSelect(document.querySelector(`select[name=${name}]`), name, state.choices[name], state.settings[name]);
  }
  const error = state.error;
  $("error").hidden = !error;
  $("error-lines").textContent = error ? error.join("\n") : "";
  $("pages").classList.toggle("stale", Boolean(error));
  const warnings = (state.render && !error && state.render.warnings) || [];
  $("warnings").hidden = warnings.length === 0;
  $("warnings").replaceChildren(...warnings.map((w) => item("warning: " + w)));
  for (const id of ["pdf", "docx"]) $(id).setAttribute("aria-disabled", state.render ? "false" : "true");
  showPages(state.render);
  showCoverage(state.coverage);
  const status = $("status");
  status.className = "status " + (error ? "bad" : state.render ? "good" : "");
  if (state.busy) status.textContent = "rendering…";
  else if (error) status.textContent = "error in the last save";
  else if (state.render) status.textContent = `${state.render.pages} page${state.render.pages === 1 ? "" : "s"} · theme ${state.render.theme} · render ${state.render.generation}`;
  document.body.dataset.generation = String(state.generation);
  document.body.dataset.state = state.busy ? "busy" : error ? "error" : "ok";
}

function connect() {
  const events = new EventSource("/events");
  events.addEventListener("state", (event) => show(JSON.parse(event.data)));
  events.onerror = () => { $("status").textContent = "reconnecting…"; };
}

$("switches").addEventListener("change", (event) => {
  const select = event.target;
  fetch("/api/settings", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ [select.name]: select.value }),
  }).then((answer) => { if (!answer.ok) answer.json().then((body) => { $("status").textContent = body.error; }); });
});

connect();
