-- folio.lua — pandoc Lua filter of the typography benchmark
-- (tools/bench-typo.sh): turns what tools/typo-latex/prep.py marked into
-- LaTeX that sets the report as folio's house style does.
--   * metadata folio-lang: the division with that id (its header and all
--     up to the next header of the same or a higher level) goes in a Div
--     with lang=…, which pandoc writes as polyglossia's otherlanguage;
--   * Span class folio-lang-XX → Span lang=XX (\foreignlanguage);
--   * quotations as folio sets them: “…” ‘…’ in English, „…“ ‚…‘ in
--     Bulgarian, as plain characters (no TeX ligature guessing);
--   * prefaces, bibliography and glossary unnumbered; \mainmatter before
--     the first chapter, \appendix before the first appendix;
--   * the glossary's and the bibliography's definition lists in columns
--     as folio sets them (\folioglossary, \foliobibliography);
--   * note and tip (sidebar) Divs as an inset box, 9 pt in from each side
--     as folio's boxes, with the title in bold sans.

local function set_of(list)
  local s = {}
  for _, v in ipairs(list or {}) do s[pandoc.utils.stringify(v)] = true end
  return s
end

local QUOTES = {
  bg = { "„", "“", "‚", "‘" },
  en = { "“", "”", "‘", "’" },
}

local function quote_filter(lang)
  local q = (lang and lang:sub(1, 2) == "bg") and QUOTES.bg or QUOTES.en
  return {
    Quoted = function(el)
      local o, c = q[1], q[2]
      if el.quotetype == "SingleQuote" then o, c = q[3], q[4] end
      local r = pandoc.List({ pandoc.Str(o) })
      r:extend(el.content)
      r:insert(pandoc.Str(c))
      return r
    end,
  }
end

-- spans that carry a language: their quotes first, then the attribute
local span_filter = {
  Span = function(el)
    for i, c in ipairs(el.classes) do
      local lang = c:match("^folio%-lang%-(.+)$")
      if lang then
        el.classes:remove(i)
        el.attributes.lang = lang
        return pandoc.walk_inline(el, quote_filter(lang))
      end
    end
  end,
}

local function box(div, label)
  local out = pandoc.List()
  out:insert(pandoc.RawBlock("latex", "\\begin{foliobox}"))
  if label then
    out:insert(pandoc.RawBlock("latex", "\\foliolabel{" .. label .. "}"))
  end
  for _, b in ipairs(div.content) do
    if b.t == "Div" and b.classes:includes("title") then
      local title = pandoc.utils.stringify(b)
      out:insert(pandoc.RawBlock("latex", "\\foliotitle{" ..
        title:gsub("([%%#&$_{}])", "\\%1") .. "}"))
    else
      out:insert(b)
    end
  end
  out:insert(pandoc.RawBlock("latex", "\\end{foliobox}"))
  return out
end

local box_filter = {
  Div = function(el)
    if el.classes:includes("tip") then return box(el, "Best practice") end
    if el.classes:includes("note") or el.classes:includes("important")
        or el.classes:includes("warning") or el.classes:includes("caution") then
      return box(el, nil)
    end
  end,
}

function Pandoc(doc)
  local meta = doc.meta
  local langs = {}
  for _, v in ipairs(meta["folio-lang"] or {}) do
    langs[pandoc.utils.stringify(v.id)] = pandoc.utils.stringify(v.lang)
  end
  local unnumbered = set_of(meta["folio-unnumbered"])
  local chapters = set_of(meta["folio-chapters"])
  local appendix = set_of(meta["folio-appendix"])
  local main_lang = "en-GB"

  local blocks = pandoc.walk_block(pandoc.Div(doc.blocks), span_filter).content
  blocks = pandoc.walk_block(pandoc.Div(blocks), box_filter).content

  local out = pandoc.List()
  local region = nil -- { lang, level, blocks }
  local seen_main, seen_app = false, false
  local function close()
    if region then
      local d = pandoc.Div(region.blocks, pandoc.Attr("", {}, { lang = region.lang }))
      out:insert(pandoc.walk_block(d, quote_filter(region.lang)))
      region = nil
    end
  end
  local glossary = set_of(meta["folio-glossary"])
  local bibliography = set_of(meta["folio-bibliography"])
  local chapter_id = nil
  for _, b in ipairs(blocks) do
    if b.t == "DefinitionList" and (glossary[chapter_id] or bibliography[chapter_id]) then
      local cmd = glossary[chapter_id] and "\\folioglossary" or "\\foliobibliography"
      b = pandoc.Div({ pandoc.RawBlock("latex", "\\begingroup" .. cmd),
        b, pandoc.RawBlock("latex", "\\par\\endgroup") })
    end
    if b.t == "Header" and b.level == 1 then chapter_id = b.identifier end
    if b.t == "Header" then
      if region and b.level <= region.level then close() end
      if b.level == 1 then
        if unnumbered[b.identifier] then b.classes:insert("unnumbered") end
        if chapters[b.identifier] and not seen_main then
          seen_main = true
          (region and region.blocks or out):insert(pandoc.RawBlock("latex", "\\mainmatter"))
        end
        if appendix[b.identifier] and not seen_app then
          seen_app = true
          close()
          out:insert(pandoc.RawBlock("latex", "\\appendix"))
        end
      end
      if langs[b.identifier] and not region then
        region = { lang = langs[b.identifier], level = b.level, blocks = pandoc.List() }
      end
    end
    if region then
      region.blocks:insert(b)
    else
      out:insert(pandoc.walk_block(b, quote_filter(main_lang)))
    end
  end
  close()
  doc.blocks = out
  return doc
end
