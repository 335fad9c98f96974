// Every face the deck uses ships with the build; nothing relies on system fonts.
// Headings: Yanone Kaffeesatz (remark's classic look, with Vietnamese glyphs).
import '@fontsource/yanone-kaffeesatz/400.css';
import '@fontsource/yanone-kaffeesatz/700.css';
// Body: Noto Serif, with Vietnamese glyphs.
import '@fontsource/noto-serif/400.css';
import '@fontsource/noto-serif/400-italic.css';
import '@fontsource/noto-serif/700.css';
// Code.
import '@fontsource/ubuntu-mono/400.css';
import '@fontsource/ubuntu-mono/700.css';
// Japanese example sentences and emoji; the build keeps only the subsets the slides use.
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-emoji/400.css';
