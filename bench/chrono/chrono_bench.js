// Runs chrono-node on the texts dumped by time_bench (--dump FILE) and prints
// characters/s and peak memory; on documents with gold TIMEX3 annotations it
// also reports chrono's relaxed F1 and value F1 on DATE expressions (values
// formatted at the granularity chrono is certain of).
'use strict';
const fs = require('fs');
const chrono = require('chrono-node');

const file = process.argv[2];
const reps = Math.max(1, parseInt(process.argv[3] || '1', 10));
const docs = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length).map((l) => JSON.parse(l));

function refDate(dct) {
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(dct || '');
  return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], 12)) : new Date(Date.UTC(2005, 5, 1, 12));
}
const pad = (n, w = 2) => String(n).padStart(w, '0');
function value(c) {
  const y = pad(c.get('year'), 4), mo = pad(c.get('month')), d = pad(c.get('day'));
  let v;
  if (c.isCertain('day') || c.isCertain('weekday')) v = `${y}-${mo}-${d}`;
  else if (c.isCertain('month')) v = `${y}-${mo}`;
  else if (c.isCertain('year')) v = y;
  else v = `${y}-${mo}-${d}`;
  if (c.isCertain('hour')) v = `${y}-${mo}-${d}T${pad(c.get('hour'))}:${pad(c.get('minute') || 0)}`;
  return v;
}

let chars = 0;
for (const d of docs) chars += d.text.length;
// warm-up pass (JIT), then timed passes
let results = docs.map((d) => chrono.parse(d.text, refDate(d.dct)));
const t0 = process.hrtime.bigint();
for (let r = 0; r < reps; r++) results = docs.map((d) => chrono.parse(d.text, refDate(d.dct)));
const secs = Number(process.hrtime.bigint() - t0) / 1e9 / reps;
let found = 0;
for (const r of results) found += r.length;
const rss = process.resourceUsage().maxRSS / 1024;
console.log(`chrono-node: docs ${docs.length}  chars ${chars}  expressions ${found}  seconds ${secs.toFixed(4)}  chars/s ${(chars / secs).toFixed(0)}  peak_rss_mb ${rss.toFixed(1)}`);

// Value accuracy on DATE expressions of annotated documents.
let gold = 0, sys = 0, matched = 0, valueOk = 0;
docs.forEach((d, i) => {
  if (!d.gold.length) return;
  const g = d.gold.filter((x) => x[2] === 'DATE');
  const s = results[i].map((r) => ({ b: r.index, e: r.index + r.text.length, v: value(r.start) }));
  gold += g.length;
  sys += s.length;
  const used = new Array(s.length).fill(false);
  for (const [gb, ge, , gv] of g) {
    let best = -1;
    for (let k = 0; k < s.length; k++) {
      if (!used[k] && s[k].b < ge && gb < s[k].e) { best = k; break; }
    }
    if (best < 0) continue;
    used[best] = true;
    matched++;
    if (s[best].v === gv) valueOk++;
  }
});
if (gold) {
  const p = sys ? matched / sys : 0, r = matched / gold, f = p + r ? (2 * p * r) / (p + r) : 0;
  const acc = matched ? valueOk / matched : 0;
  console.log(`chrono-node DATE: gold ${gold}  system ${sys}  relaxed P ${p.toFixed(4)} R ${r.toFixed(4)} F1 ${f.toFixed(4)}  value accuracy ${acc.toFixed(4)}  value F1 ${(acc * f).toFixed(4)}`);
}
