// The part of pdfmake 0.3's Node build that quote-pdf.ts uses. DefinitelyTyped's @types/pdfmake
// is not used: it references the DOM library, which would retype fetch and Buffer in every
// back-end file.
declare module 'pdfmake' {
  /** A node of a document definition: text, or an object pdfmake lays out (table, columns…). */
  export type Content = string | { readonly [key: string]: unknown };

  export type CreatedPdf = { getBuffer(): Promise<Buffer> };

  export type FontFamily = { normal: string; bold: string; italics: string; bolditalics: string };

  type Pdfmake = {
    createPdf(definition: {
      readonly content: readonly Content[];
      readonly [key: string]: unknown;
    }): CreatedPdf;
    setFonts(fonts: Readonly<Record<string, FontFamily>>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
  };
  const pdfmake: Pdfmake;
  export default pdfmake;
}

declare module 'pdfmake/build/vfs_fonts.js' {
  /** File name → base64 content of the fonts pdfmake ships (Roboto). */
  const files: Readonly<Record<string, string>>;
  export default files;
}
