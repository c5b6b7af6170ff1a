// Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese):
// there a word boundary is not a space or punctuation but a dictionary's decision, so a name may
// sit right against the next word ("以色列" in "以色列国防军称"). One list for the word splitter
// (shared/language.ts) and the actor matcher (shared/suggestions.ts).

/** A regular-expression character class (for the `u` flag) matching one such character. */
export const NO_SPACE_SCRIPT_CLASS =
  '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}]';
