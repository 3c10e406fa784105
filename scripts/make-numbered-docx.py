#!/usr/bin/env python3
"""Write tests/fixtures/formats/numbered-headings-2024.docx: a report whose
heading numbers come from Word's automatic list numbering, as Word writes it
when a multilevel list is linked to the heading styles. Nothing in the text
carries 一、 or （一）: the reader must render them from word/numbering.xml.

  python3 scripts/make-numbered-docx.py

- 标题 1 carries the list (numId 1) at level 0 in its own w:numPr: 一、 二、 …
- 标题 2 names only the list; its level comes from the level linked to the
  style (w:pStyle in the list definition): （一） （二） …
- body items use a second list directly on the paragraph (numId 2): 1. 2. …,
  restarted for the second run of items by numId 4 (w:startOverride);
- a bullet list (numId 3) gives no label.
Standard library only; the output is deterministic.
"""
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "formats", "numbered-headings-2024.docx")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# (style or None, numbering (numId, ilvl) or None, text)
BODY = [
    ("Title", None, "某某县人民政府2024年度法治政府建设情况报告"),
    (None, None, "2024年，县政府深入学习贯彻习近平法治思想，全面推进法治政府建设。现将有关情况报告如下。"),
    ("Heading1", None, "2024年度推进法治政府建设的主要举措和成效"),
    ("Heading2", None, "加强党对法治政府建设的领导"),
    (None, None, "县政府常务会议专题学习习近平法治思想4次，将法治建设纳入年度绩效考核。"),
    ("Heading2", None, "严格规范公正文明执法"),
    (None, ("2", 0), "全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。"),
    (None, ("2", 0), "修订行政裁量权基准，开展行政执法案卷评查。"),
    ("Heading2", None, "依法科学民主决策"),
    (None, ("4", 0), "严格落实重大行政决策公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序。"),
    (None, ("4", 0), "政府法律顾问参与审查合同和文件126件。"),
    ("Heading1", None, "党政主要负责人履行推进法治建设第一责任人职责情况"),
    (None, None, "县长带头学法述法，4次主持召开专题会议研究法治政府建设工作，年终述法。"),
    ("Heading1", None, "存在的不足和原因"),
    (None, ("3", 0), "基层执法力量不足，执法人员专业化水平不高。"),
    (None, ("3", 0), "普法形式单一，针对性不强。"),
    (None, None, "究其原因，主要是编制有限，基层执法人员流动性大。"),
    ("Heading1", None, "2025年推进法治政府建设的主要安排"),
    (None, None, "2025年，县政府将加强执法培训，推进行政复议和行政应诉工作，提升依法行政水平。"),
]

STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
</w:styles>"""

NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering {W}>
<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="multilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading2"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="11">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="12">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="12"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="11"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""


def paragraph(style, num, text):
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


DOCUMENT = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
    + "".join(paragraph(*p) for p in BODY)
    + "</w:body></w:document>"
)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"""

with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/_rels/document.xml.rels", DOC_RELS),
        ("word/document.xml", DOCUMENT),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", NUMBERING),
    ]:
        info = zipfile.ZipInfo(name, date_time=(2025, 3, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data.encode("utf-8"))
print(OUT)
