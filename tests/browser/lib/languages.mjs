// The languages the site speaks (as `domain::Language` lists them) and the BCP 47 tag each
// page declares in `<html lang>`: the code itself, but `pt-BR` for Brazilian Portuguese.

export const LANGUAGES = ['en', 'fr', 'es', 'pt'];

const TAGS = { pt: 'pt-BR' };

/** The html `lang` of a page in `code`. */
export const langTag = (code) => TAGS[code] ?? code;
