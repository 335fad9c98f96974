// Typings for the parts of remark-slide 0.14 (CommonJS, untyped) the deck uses.
declare module 'remark-slide/src/remark/api.js' {
  export interface RemarkSlideshow {
    gotoSlide(n: number | string): void;
    gotoNextSlide(): void;
    gotoPreviousSlide(): void;
    getCurrentSlideIndex(): number;
    getSlides(): { getSlideIndex(): number; properties: Record<string, string> }[];
    getSlideCount(): number;
    loadFromString(markdown: string): void;
    togglePresenterMode(): void;
    toggleFullscreen(): void;
    toggleBlackout(): void;
    createClone(): void;
    on(event: string, handler: (...args: unknown[]) => void): void;
    pause(): void;
    resume(): void;
  }
  export interface RemarkCreateOptions {
    source: string;
    ratio?: string;
    container?: HTMLElement;
    navigation?: { scroll?: boolean; touch?: boolean; click?: boolean };
    highlightStyle?: string;
    highlightLanguage?: string;
    highlightLines?: boolean;
    highlightSpans?: boolean;
    highlightInlineCode?: boolean;
    countIncrementalSlides?: boolean;
    slideNumberFormat?: string | ((current: number, total: number) => string);
    cloneTarget?: string;
    [key: string]: unknown;
  }
  export default class RemarkApi {
    constructor(dom?: { getLocationHash(): string });
    create(options: RemarkCreateOptions, callback?: (slideshow: RemarkSlideshow) => void): RemarkSlideshow;
    convert(markdown: string): string;
    version: string;
  }
}
declare module 'remark-slide/src/remark/dom.js' {
  /** remark's window access; the deck replaces how it reads the hash. */
  export default class Dom {
    getLocationHash(): string;
    setLocationHash(hash: string): void;
  }
}
declare module 'remark-slide/src/remark/views/slideshowView.js' {
  /** remark's slideshow view; the deck replaces how it shows a slide (see preview-copy.ts). */
  export default class SlideshowView {
    slideViews: { containerElement: HTMLElement; show(): void }[];
    previewArea: HTMLElement;
    events: { emit(event: string, ...args: unknown[]): void };
    showSlide(slideIndex: number): void;
  }
}
declare module 'remark-slide/src/remark/converter.js' {
  const converter: { convertMarkdown(content: unknown, links?: unknown, inline?: boolean): string };
  export default converter;
}
declare module 'remark-slide/src/remark/parser.js' {
  export default class Parser {
    parse(source: string, macros?: object): { properties: Record<string, string> }[];
  }
}
declare module 'remark-slide/src/polyfills.js' {
  const polyfills: { apply(): void };
  export default polyfills;
}
declare module 'remark-slide/src/remark/components/styler/styler.js' {
  const styler: { styleDocument(): void; setPageSize(size: string): void };
  export default styler;
}
declare module 'virtual:deck' {
  import type { Diagnostic } from '../build/diagnostics.ts';
  export const markdown: string;
  export const fragments: string[];
  export const diagnostics: Diagnostic[];
  /** Chapters in order: title and the number of remark slides each makes. */
  export const chapters: { file: string; title: string; slides: number }[];
}
declare module 'virtual:deck-later' {
  /** The HTML of the fragments the first chunk holds placeholders for, by fragment index. */
  export const fragments: Record<string, string>;
}
declare module 'remark-slide/src/remark/components/printing/printing.js' {
  const printing: {
    setPageOrientation(orientation: 'landscape' | 'portrait'): void;
    _pageWidth: number;
    _pageHeight: number;
    _orientation: string;
  };
  export default printing;
}
