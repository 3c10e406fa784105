#!/usr/bin/env bash
# Regenerate the format fixtures in tests/fixtures/formats/ from the corpus reports.
#
#   scripts/make-format-fixtures.sh [CORPUS_DIR]     (default: ../shared/corpus/reports)
#
# Needs python3 and LibreOffice (`apt-get install -y libreoffice-writer-nogui
# fonts-noto-cjk`). CI does not have LibreOffice: the generated files are committed,
# this script only documents (and redoes) how they were made.
#
# For every report NAME.txt it writes:
#   NAME.txt       the original, unchanged (the CLI comparison test reads it)
#   NAME.expected  title + body lines put into the documents below (chrome, page
#                  metadata and everything above the title dropped); the tests check
#                  that each of these lines comes out of every format, in order
#   NAME.html      a government-site page (nav, breadcrumb, sidebar, footer, scripts);
#                  each report uses a different CMS layout and charset (see PAGES)
#   NAME.docx      LibreOffice export of a clean page: title centred and bold,
#                  一、 lines as Heading 1, （一） lines as Heading 2
#   NAME.pdf       LibreOffice PDF export of that .docx
# and the bad files:
#   bad-image-only.pdf   one page with an image and no text layer (a "scan")
#   bad-old-word.doc     OLE compound-file magic bytes (legacy Word)
# (the zip bomb, truncated and garbage PDFs are built by tests/formats.rs at run time)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="${1:-$ROOT/../shared/corpus/reports}"
[ -d "$CORPUS" ] || CORPUS=/work/shared/corpus/reports
OUT="$ROOT/tests/fixtures/formats"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

command -v soffice >/dev/null || { echo "soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk" >&2; exit 1; }

python3 - "$CORPUS" "$OUT" "$WORK" <<'PY'
import html, os, re, shutil, sys, zlib

corpus, out, work = sys.argv[1:4]

# Same phrases as rules/document.yaml `chrome:` and `meta_lines:` (plus bullets).
CHROME = [
    r'^(您)?(当前|现在)(的)?(所在)?位置\s*[:：>]', r'^当前位置', r'^首页\s*[>＞»/]', r'扫一扫在手机',
    r'^扫(码|一扫)', r'^(【\s*)?字[体号]\s*[:：]?\s*(【|\[|大|小|中|$)', r'字体大小\s*[:：]?\s*$',
    r'^(浏览|阅读|访问)(次数|量)\s*[:：]', r'^(分享到?|打印(本页)?|关闭(窗口|本页)?|收藏|返回顶部)\s*[:：]?$',
    r'^(无障碍(版|浏览)?|关怀版|长者模式|网站支持\s*ipv6|智能问答)$', r'^(相关信息|相关链接|关联稿件|相关附件|相关文件)\s*[:：]?$',
    r'^站长统计$', r'^您(访问|即将访问)的链接即将离开', r'(ICP备|网站标识码|公网安备|主办单位\s*[:：]|版权所有)',
]
META = r'^(来源|发布机构|信息来源|发布时间|发布日期|日期)\s*[:：]|^\d{4}-\d{2}-\d{2}'
L1 = re.compile(r'^[一二三四五六七八九十]+、')
L2 = re.compile(r'^[（(][一二三四五六七八九十]+[）)]')

def clean(line):
    return line.strip(' \t\r\n\u3000\xa0•·')

def is_chrome(line):
    return any(re.search(p, line) for p in CHROME)

def split(text):
    lines = [clean(l) for l in text.split('\n')]
    title_i = next(i for i, l in enumerate(lines[:15])
                   if l and not is_chrome(l) and re.search('报告|情况', l)
                   and re.search('法治政府|依法行政|法治建设', l) and len(l) <= 90)
    title = lines[title_i]
    meta, body = [], []
    for l in lines[title_i + 1:]:
        if not l or is_chrome(l):
            continue
        (meta if re.search(META, l) else body).append(l)
    return title, meta, body

def level(line):
    if len(line) > 50 or '。' in line.rstrip('。'):
        return 0
    return 1 if L1.match(line) else 2 if L2.match(line) else 0

e = html.escape
NAV = '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>'
SIDEBAR = ('<div class="sidebar"><h3>热点新闻</h3><ul><li><a href="#">关于印发法治政府建设工作要点的通知</a></li>'
           '<li><a href="#">市司法局召开依法行政工作推进会</a></li></ul></div>')
FOOTER = ('<div class="footer"><p>主办单位：{site}　承办：{site}办公室</p>'
          '<p>网站标识码：4413000005　粤ICP备05083563号　粤公网安备 44150202000005号</p></div>')
SCRIPT = '<script type="text/javascript">var tip = "脚本里的文字不是正文"; document.write("");</script>'
STYLE = '<style>.nav li{float:left} p{text-indent:2em} /* 样式 */</style>'

def page(layout, title, meta, body, site):
    """layout: (charset meta tag, head extra, content builder)."""
    charset_tag, content_open, content_close, para, heading = layout
    parts = []
    for l in body:
        lv = level(l)
        parts.append(heading(lv, e(l)) if lv else para(e(l)))
    info = '　'.join(e(m) for m in meta) or '发布时间：2022-01-01'
    return f'''<!DOCTYPE html>
<html lang="zh-CN">
<head>
{charset_tag}
<title>{e(title)}_{e(site)}</title>
<meta name="ArticleTitle" content="{e(title)}">
<meta name="SiteName" content="{e(site)}">
{STYLE}
{SCRIPT}
</head>
<body>
<div class="header"><div class="logo">{e(site)}</div>{NAV}</div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 法治政府建设</div>
<div class="main">
{SIDEBAR}
<div class="article">
<div class="article-title"><h1>{e(title)}</h1></div>
<div class="info">{info}　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
{content_open}
{chr(10).join(parts)}
{content_close}
<div class="share">分享到：<a>微信</a> <a>微博</a></div>
<div class="prev-next"><p>上一篇：关于2020年政府信息公开工作的报告</p></div>
</div>
</div>
{FOOTER.format(site=e(site))}
<script>var _hmt = _hmt || []; /* 站长统计 */</script>
</body>
</html>
'''

def p_indent(t): return f'<p style="text-indent:2em;">&nbsp;&nbsp;{t}</p>'
def p_plain(t): return f'<p>{t}</p>'
def p_div(t): return f'<div class="para">&#12288;&#12288;{t}</div>'
def h_strong(lv, t): return f'<p style="text-indent:2em;"><strong>{t}</strong></p>'
def h_tags(lv, t): return f'<h{lv + 1}>{t}</h{lv + 1}>'

PAGES = {
    # name: (encoding for the bytes, charset tag, content open/close, para, heading)
    'cq-yubei-lianglu-street-2023': ('gbk', '<meta charset="gbk">',
        '<div class="view TRS_Editor">', '</div>', p_div, h_strong),
    'dg-qingxi-town-2021': ('gbk', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        '<div id="zoom"><div class="TRS_Editor">', '</div></div>', p_indent, h_strong),
    'gz-baiyun-jinsha-street-2021': ('utf-8', '<meta charset="utf-8">',
        '<div class="article-content"><p>', '</p></div>', lambda t: f'{t}<br/>', lambda lv, t: f'</p><h{lv + 1}>{t}</h{lv + 1}><p>'),
    'gz-yuexiu-district-2022': ('utf-8', '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
        '<div class="xl-main"><div class="wenzhang">', '</div></div>', p_plain, h_tags),
    'shanwei-city-2020': ('utf-8-sig', '<meta charset="UTF-8">',
        '<div id="UCAP-CONTENT"><script>var a = "内容区的脚本";</script>', '</div>', p_indent, h_strong),
}
SITES = {'cq': '重庆市渝北区人民政府', 'dg': '东莞市清溪镇人民政府', 'gz': '广州市人民政府', 'sh': '汕尾市人民政府'}

def docx_source(title, body):
    parts = [f'<p align="center"><b><font size="5">{e(title)}</font></b></p>']
    for l in body:
        lv = level(l)
        parts.append(f'<h{lv}>{e(l)}</h{lv}>' if lv else f'<p>{e(l)}</p>')
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>' + e(title) + '</title></head><body>\n'
            + '\n'.join(parts) + '\n</body></html>\n')

for name, (enc, *layout) in PAGES.items():
    src = os.path.join(corpus, name + '.txt')
    text = open(src, encoding='utf-8').read()
    shutil.copyfile(src, os.path.join(out, name + '.txt'))
    title, meta, body = split(text)
    with open(os.path.join(out, name + '.expected'), 'w', encoding='utf-8') as f:
        f.write('\n'.join([title] + body) + '\n')
    site = SITES[name[:2]]
    data = page(layout, title, meta, body, site)
    with open(os.path.join(out, name + '.html'), 'wb') as f:
        f.write(data.encode(enc, errors='xmlcharrefreplace'))
    with open(os.path.join(work, name + '.html'), 'w', encoding='utf-8') as f:
        f.write(docx_source(title, body))

# One page, no text: a 16x16 grey image drawn full-page (what a scan looks like).
def pdf(objects):
    buf = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offs = []
    for i, obj in enumerate(objects, 1):
        offs.append(len(buf))
        buf += f'{i} 0 obj\n'.encode() + obj + b'\nendobj\n'
    xref = len(buf)
    buf += f'xref\n0 {len(objects) + 1}\n0000000000 65535 f \n'.encode()
    for o in offs:
        buf += f'{o:010d} 00000 n \n'.encode()
    buf += f'trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n'.encode()
    return bytes(buf)

img = zlib.compress(bytes((x * 7 + y * 13) % 256 for y in range(16) for x in range(16)))
content = b'q 595 0 0 842 0 0 cm /Im1 Do Q'
open(os.path.join(out, 'bad-image-only.pdf'), 'wb').write(pdf([
    b'<< /Type /Catalog /Pages 2 0 R >>',
    b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    b'<< /Length %d >>\nstream\n' % len(content) + content + b'\nendstream',
    b'<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 '
    b'/Filter /FlateDecode /Length %d >>\nstream\n' % len(img) + img + b'\nendstream',
]))
open(os.path.join(out, 'bad-old-word.doc'), 'wb').write(
    bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))
PY

# .docx via LibreOffice's HTML import (h1/h2 become Heading 1/Heading 2), then .pdf.
export HOME="$WORK/home"   # a throwaway LibreOffice profile
for f in "$WORK"/*.html; do
    soffice --headless --infilter="HTML (StarWriter)" --convert-to 'docx:MS Word 2007 XML' --outdir "$WORK/docx" "$f" >/dev/null
done
for f in "$WORK"/docx/*.docx; do
    soffice --headless --convert-to pdf --outdir "$WORK/pdf" "$f" >/dev/null
done
cp "$WORK"/docx/*.docx "$WORK"/pdf/*.pdf "$OUT"/
ls -l "$OUT"
