// The question box's autocomplete: the loaded model's templates from GET /api/questions/templates, with the
// selected stream's instruments put into their <Object> slots, filtered by the words typed so far.

const SHOWN = 8;

/**
 * Fills templates ({templates: [{template, type, slots}], slots: {Slot: [values]}}) with instruments: a
 * template without <Object> once, one with one <Object> per instrument (the three most likely), one with two
 * per ordered pair of different instruments (at most four). Other slots take their values in turn.
 * Suggestions naming the stream's instruments come first, one-instrument questions before two-instrument ones.
 */
export function fillTemplates(json, instruments) {
  const out = [];
  const seen = new Set();
  for (const t of json.templates) {
    const objects = t.slots.filter(s => s === 'Object').length;
    for (const chosen of instrumentChoices(instruments, objects)) {
      let k = 0;
      const turns = new Map();
      const text = t.template.replace(/<(\w+)>/g, (_, slot) => {
        if (slot === 'Object') return chosen[k++];
        const values = json.slots[slot] || [slot];
        const n = turns.get(slot) || 0;
        turns.set(slot, n + 1);
        return values[n % values.length];
      });
      if (!seen.has(text)) {
        seen.add(text);
        out.push({ text, template: t.template, type: t.type, instruments: chosen });
      }
    }
  }
  // naming an instrument first, then the simpler questions (one instrument before two)
  const rank = (s) => (s.instruments.length === 0 ? 10 : s.instruments.length);
  return out.sort((a, b) => rank(a) - rank(b));
}

/** One suggestion per template before any template's second, so eight lines show eight kinds of question. */
function varied(suggestions) {
  const first = [];
  const rest = [];
  const templates = new Set();
  for (const s of suggestions) {
    (templates.has(s.template) ? rest : first).push(s);
    templates.add(s.template);
  }
  return first.concat(rest);
}

function instrumentChoices(instruments, slots) {
  const top = instruments.slice(0, 3);
  if (slots === 0) return [[]];
  if (slots === 1) return top.map(i => [i]);
  if (slots > 2) return [];
  const pairs = [];
  for (const a of top) {
    for (const b of top) {
      if (a !== b && pairs.length < 4) pairs.push([a, b]);
    }
  }
  return pairs;
}

/**
 * A combobox (WAI-ARIA 1.2 pattern) over the question input: focus or typing opens the list, arrows move,
 * Enter or a click/tap picks (the text goes into the input), Escape closes. Each option carries
 * data-template, data-type and data-instruments so people (and tests) can see where it came from.
 */
export class Suggestions {
  constructor(input, list) {
    this.input = input;
    this.list = list;
    this.json = null;
    this.instruments = [];
    this.all = [];
    this.shown = [];
    this.active = -1;
    input.addEventListener('focus', () => this.open());
    input.addEventListener('input', () => this.open());
    input.addEventListener('blur', () => this.close());
    input.addEventListener('keydown', (e) => this.key(e));
    list.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the input
    list.addEventListener('click', (e) => {
      const li = e.target.closest('li');
      if (li) this.pick(this.shown[Number(li.dataset.index)]);
    });
  }

  /**
   * The loaded model's templates; until a reasoner has published them (an empty list), asks again every few
   * seconds, so a page opened before the reasoner started still gets its suggestions.
   */
  async load() {
    try {
      const r = await fetch('/api/questions/templates');
      if (r.ok) {
        this.json = await r.json();
        this.rebuild();
        if (this.json.templates.length > 0) return;
      }
    } catch (e) {
      // Suggestions are a help, not a need: the box still takes any question.
    }
    setTimeout(() => this.load(), 3000);
  }

  /**
   * The selected stream's present instruments, most likely first. The same set in another order changes
   * nothing: presence wobbles every second, and a list that reorders under the pointer cannot be clicked.
   */
  setInstruments(instruments) {
    const key = (list) => [...list].sort().join();
    if (key(instruments) === key(this.instruments) && this.all.length) return;
    this.instruments = instruments;
    this.rebuild();
  }

  rebuild() {
    if (!this.json) return;
    this.all = fillTemplates(this.json, this.instruments);
    this.list.dataset.instruments = this.instruments.join(',');
    const example = this.all.find(s => s.instruments.length) || this.all[0];
    if (example) this.input.placeholder = `Ask about the stream, e.g. ${example.text}`;
    if (!this.list.hidden) this.render();
  }

  open() {
    if (!this.all.length) return;
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.render();
  }

  close() {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  render() {
    const words = this.input.value.toLowerCase().split(/\s+/).filter(Boolean);
    const activeText = this.shown[this.active] && this.shown[this.active].text;
    this.shown = varied(this.all.filter(s => words.every(w => s.text.toLowerCase().includes(w)))).slice(0, SHOWN);
    this.active = this.shown.findIndex(s => s.text === activeText);
    this.list.replaceChildren(...this.shown.map((s, i) => {
      const li = document.createElement('li');
      li.id = 'suggestion-' + i;
      li.setAttribute('role', 'option');
      li.dataset.testid = 'suggestion';
      Object.assign(li.dataset, { index: i, template: s.template, type: s.type, instruments: s.instruments.join(',') });
      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = s.text;
      const type = document.createElement('small');
      type.textContent = s.type;
      li.append(text, type);
      return li;
    }));
    this.highlight();
    if (!this.shown.length) this.close();
  }

  highlight() {
    [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
    if (this.active >= 0) {
      this.input.setAttribute('aria-activedescendant', 'suggestion-' + this.active);
      this.list.children[this.active].scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  key(e) {
    const open = !this.list.hidden;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) this.open();
      if (!this.shown.length) return;
      // Positions 0..n: 0 is the typed text, k the k-th option; stepping past either end wraps round.
      const n = this.shown.length;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this.active = ((this.active + 1 + step + n + 1) % (n + 1)) - 1;
      this.highlight();
    } else if (e.key === 'Enter' && open && this.active >= 0) {
      e.preventDefault(); // pick, do not submit yet
      this.pick(this.shown[this.active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      this.close();
    }
  }

  pick(suggestion) {
    if (!suggestion) return;
    this.input.value = suggestion.text;
    this.input.dataset.template = suggestion.template;
    this.close();
  }
}
