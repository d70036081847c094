// typst.js — compiles a Typst file to PDF with typst.ts's Node compiler
// (@myriaddreamin/typst-ts-node-compiler), for the speed bench
// (tools/bench.sh installs the package into out/bench/node_modules and
// runs this with NODE_PATH pointing there).
//
// Usage: node typst.js IN.typ OUT.pdf
// Fonts: /usr/share/fonts/truetype/paratype (PT Serif, PT Sans, PT Mono)
// and /usr/share/fonts/truetype/dejavu, as folio's styles use them.
// Prints the page count on stdout; exit 1 with Typst's errors on stderr.
'use strict';
const fs = require('fs');
const path = require('path');
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

if (process.argv.length !== 4) {
  process.stderr.write('usage: node typst.js IN.typ OUT.pdf\n');
  process.exit(2);
}
const input = path.resolve(process.argv[2]);
const output = path.resolve(process.argv[3]);
const compiler = NodeCompiler.create({
  workspace: path.dirname(input),
  fontArgs: [{ fontPaths: ['/usr/share/fonts/truetype/paratype',
                           '/usr/share/fonts/truetype/dejavu'] }],
});
const res = compiler.compile({ mainFilePath: input });
if (res.hasError()) {
  res.printErrors();
  process.exit(1);
}
const doc = res.result;
fs.writeFileSync(output, compiler.pdf(doc, { pdfTags: false, creationTimestamp: 0 }));
process.stdout.write(doc.numOfPages + '\n');
