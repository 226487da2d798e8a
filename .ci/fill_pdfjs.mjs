// Fill a fillable workbook with pdf.js (the engine of Firefox), as its
// viewer does: the typed values go into the annotation storage, and
// saveDocument() writes them as an incremental update, with the
// appearances pdf.js draws for them.
//
// usage: PDFJS_DIR=<folder with node_modules/pdfjs-dist> \
//   node fill_pdfjs.mjs BLANK.pdf TYPED.json OUT.pdf [--render DIR]
//
// With --render, the saved file is opened again and the typed areas are
// rendered by pdf.js (with @napi-rs/canvas) to PNG files in DIR.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [blank, typedFile, out, flag, renderDir] = process.argv.slice(2);
const render = flag === "--render" ? renderDir : null;
const dir = process.env.PDFJS_DIR;
if (!dir) throw new Error("set PDFJS_DIR to the folder where pdfjs-dist is installed");
const dist = join(dir, "node_modules", "pdfjs-dist");
const pdfjs = await import(pathToFileURL(join(dist, "legacy", "build", "pdf.mjs")).href);
const options = {
  standardFontDataUrl: join(dist, "standard_fonts") + "/",
  cMapUrl: join(dist, "cmaps") + "/",
  verbosity: 0,
};
const typed = JSON.parse(readFileSync(typedFile, "utf8"));

const doc = await pdfjs.getDocument({ ...options, data: new Uint8Array(readFileSync(blank)) }).promise;
const fields = await doc.getFieldObjects();
const storage = doc.annotationStorage;
const areas = {};

for (const [name, lines] of Object.entries(typed.text)) {
  const perLine = lines.map((_, i) => `${name}.line-${i + 1}`);
  let targets;
  if (perLine.every((n) => fields[n])) {
    targets = perLine.map((n, i) => [n, lines[i]]);
  } else if (fields[name]) {
    targets = [[name, lines.join("\n")]];
  } else {
    throw new Error(`pdf.js: no field ${name}`);
  }
  for (const [target, text] of targets) {
    for (const w of fields[target]) storage.setValue(w.id, { value: text });
  }
  areas[name] = targets.map(([t]) => t);
}
for (const name of typed.check) {
  const widgets = fields[name];
  if (!widgets) throw new Error(`pdf.js: no field ${name}`);
  for (const w of widgets) storage.setValue(w.id, { value: true });
}
for (const [name, value] of Object.entries(typed.choice)) {
  const widgets = fields[name];
  if (!widgets) throw new Error(`pdf.js: no field ${name}`);
  // One radio button per option; the chosen one is on, the others off.
  for (const w of widgets) storage.setValue(w.id, { value: w.exportValues === value });
}

const saved = await doc.saveDocument();
writeFileSync(out, saved);
await doc.destroy();
console.log(`pdf.js: typed into ${Object.keys(areas).length} text areas, ticked, chose, saved ${out}`);

if (render) {
  const again = await pdfjs.getDocument({ ...options, data: new Uint8Array(readFileSync(out)) }).promise;
  const scale = 2;
  for (const [name, targets] of Object.entries(areas)) {
    for (let p = 1; p <= again.numPages; p++) {
      const page = await again.getPage(p);
      const rects = (await page.getAnnotations())
        .filter((a) => targets.includes(a.fieldName))
        .map((a) => a.rect);
      if (rects.length === 0) continue;
      const viewport = page.getViewport({ scale });
      const factory = again.canvasFactory;
      const { canvas, context } = factory.create(viewport.width, viewport.height);
      await page.render({ canvasContext: context, canvas, viewport, annotationMode: pdfjs.AnnotationMode.ENABLE }).promise;
      const x0 = Math.min(...rects.map((r) => r[0])) - 6;
      const y0 = Math.min(...rects.map((r) => r[1])) - 6;
      const x1 = Math.max(...rects.map((r) => r[2])) + 6;
      const y1 = Math.max(...rects.map((r) => r[3])) + 6;
      const [vx0, vy0] = viewport.convertToViewportPoint(x0, y1);
      const [vx1, vy1] = viewport.convertToViewportPoint(x1, y0);
      const crop = factory.create(Math.round(vx1 - vx0), Math.round(vy1 - vy0));
      crop.context.drawImage(canvas, vx0, vy0, vx1 - vx0, vy1 - vy0, 0, 0, vx1 - vx0, vy1 - vy0);
      writeFileSync(join(render, `pdfjs-${name}.png`), crop.canvas.toBuffer("image/png"));
      break;
    }
  }
  await again.destroy();
}
