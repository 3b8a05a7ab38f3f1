// Assembles the dashboard's static files into OUTDIR (default web/dist):
//   OUTDIR/index.html
//   OUTDIR/assets/app.js, app.css            (web/src, copied)
//   OUTDIR/assets/echarts.min.js             (npm echarts)
//   OUTDIR/assets/world.json                 (npm world-atlas 110m countries, TopoJSON
//                                             -> GeoJSON with topojson-client, for
//                                             echarts.registerMap('world', geojson))
//   OUTDIR/assets/THIRD_PARTY_LICENSES.txt   (licences of what is bundled)
// The cronista binary embeds every file under OUTDIR; index.html refers to the
// rest as /assets/NAME. A file is only rewritten when its bytes change, so an
// unchanged dashboard does not make the binary relink. Run by scripts/web_assets.sh.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const outDir = path.resolve(process.argv[2] || path.join(here, 'dist'));
const assets = path.join(outDir, 'assets');

// Packages are read from web/node_modules (npm ci installs them flat; a
// dependency of echarts may also sit under echarts/node_modules).
function pkgFile(name, file) {
  for (const dir of [path.join(here, 'node_modules', name), path.join(here, 'node_modules', 'echarts', 'node_modules', name)]) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, file);
  }
  throw new Error(`npm package ${name} is missing from ${path.join(here, 'node_modules')} (run scripts/web_assets.sh)`);
}

const written = [];
function emit(rel, content) {
  const dest = path.join(outDir, rel);
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const old = fs.existsSync(dest) ? fs.readFileSync(dest) : null;
  if (!old || !old.equals(bytes)) fs.writeFileSync(dest, bytes);
  written.push(rel);
}

// world-atlas 2 stitches polygons across the antimeridian (for spherical
// projections); ECharts draws longitude and latitude on a plane, where such a
// ring (Russia, Fiji) would paint a band across the whole map. Cut them: unwrap
// the ring's longitudes so they run on continuously, clip it at +/-180
// (Sutherland-Hodgman against a vertical line) and shift the far part back.
function clipRing(ring, keep, x0) {
  const out = [];
  for (let i = 0; i < ring.length; i += 1) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const ina = keep(a[0]);
    const inb = keep(b[0]);
    if (ina) out.push(a);
    if (ina !== inb) {
      const t = (x0 - a[0]) / (b[0] - a[0]);
      out.push([x0, a[1] + t * (b[1] - a[1])]);
    }
  }
  if (out.length < 3) return null;
  const [f, l] = [out[0], out[out.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
  return out.length >= 4 ? out : null;
}

function unwrap(ring) {
  let shift = 0;
  return ring.map((c, i) => {
    if (i > 0) {
      const d = c[0] - ring[i - 1][0];
      if (d > 180) shift -= 360;
      else if (d < -180) shift += 360;
    }
    return [c[0] + shift, c[1]];
  });
}

// One polygon (outer ring and holes) -> one or two polygons inside [-180, 180].
function splitPolygon(rings) {
  const unwrapped = rings.map(unwrap);
  const xs = unwrapped.flat().map((c) => c[0]);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  if (min >= -180 && max <= 180) return [rings];
  const east = max > 180; // the ring runs past +180 (else past -180)
  const x0 = east ? 180 : -180;
  const near = unwrapped.map((r) => clipRing(r, (x) => (east ? x <= x0 : x >= x0), x0)).filter(Boolean);
  const far = unwrapped.map((r) => clipRing(r, (x) => (east ? x >= x0 : x <= x0), x0)).filter(Boolean)
    .map((r) => r.map((c) => [c[0] + (east ? -360 : 360), c[1]]));
  return [near, far].filter((poly) => poly.length);
}

function cutAntimeridian(geometry) {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const out = polygons.flatMap(splitPolygon);
  return out.length === 1 ? { type: 'Polygon', coordinates: out[0] } : { type: 'MultiPolygon', coordinates: out };
}

// Rounds coordinates (0.01° is ~1 km, well below the 110m map's detail) and
// drops Antarctica, which only takes room at the bottom of a world map.
function worldGeoJson() {
  const topojson = require('topojson-client');
  const topology = JSON.parse(fs.readFileSync(pkgFile('world-atlas', 'countries-110m.json'), 'utf8'));
  const collection = topojson.feature(topology, topology.objects.countries);
  const round = (c) => (typeof c[0] === 'number'
    ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100]
    : c.map(round));
  const features = collection.features
    .filter((f) => f.geometry && f.properties && f.properties.name !== 'Antarctica')
    .map((f) => ({
      type: 'Feature',
      id: f.id,
      properties: { name: f.properties.name, iso_n3: f.id },
      geometry: (({ type, coordinates }) => ({ type, coordinates: round(coordinates) }))(cutAntimeridian(f.geometry)),
    }));
  return JSON.stringify({ type: 'FeatureCollection', features });
}

function licences() {
  const parts = [
    'Third-party files bundled in the cronista dashboard (web/dist/assets).',
    '',
  ];
  const add = (title, name, files) => {
    const pkg = JSON.parse(fs.readFileSync(pkgFile(name, 'package.json'), 'utf8'));
    parts.push('='.repeat(78), `${title}: npm ${pkg.name} ${pkg.version} (${pkg.license})`, '='.repeat(78));
    for (const f of files) {
      const p = pkgFile(name, f);
      if (fs.existsSync(p)) parts.push(fs.readFileSync(p, 'utf8').trim(), '');
    }
  };
  add('echarts.min.js', 'echarts', ['NOTICE', 'LICENSE']);
  add('echarts.min.js includes', 'zrender', ['NOTICE', 'LICENSE']);
  add('echarts.min.js includes', 'tslib', ['LICENSE.txt']);
  add('world.json (converted with topojson-client)', 'world-atlas', ['LICENSE']);
  parts.push('world.json data: Natural Earth (naturalearthdata.com), public domain.', '');
  add('world.json conversion (build time only)', 'topojson-client', ['LICENSE']);
  return parts.join('\n');
}

emit('index.html', fs.readFileSync(path.join(here, 'src', 'index.html')));
emit('assets/app.js', fs.readFileSync(path.join(here, 'src', 'app.js')));
emit('assets/app.css', fs.readFileSync(path.join(here, 'src', 'app.css')));
emit('assets/echarts.min.js', fs.readFileSync(pkgFile('echarts', 'dist/echarts.min.js')));
emit('assets/world.json', worldGeoJson());
emit('assets/THIRD_PARTY_LICENSES.txt', licences());

// Remove files a previous layout left behind (only inside OUTDIR/assets).
const keep = new Set(written.map((r) => path.join(outDir, r)));
if (fs.existsSync(assets)) {
  for (const name of fs.readdirSync(assets)) {
    const p = path.join(assets, name);
    if (!keep.has(p) && fs.statSync(p).isFile()) fs.unlinkSync(p);
  }
}
const size = written.reduce((n, r) => n + fs.statSync(path.join(outDir, r)).size, 0);
console.log(`web_assets: ${written.length} files, ${(size / 1024).toFixed(0)} KiB in ${outDir}`);
