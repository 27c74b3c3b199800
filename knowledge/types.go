// Package knowledge turns raw news articles into an immutable Library that
// answers questions with cited excerpts and lists what each person said.
//
// Everything Discord or the command line shows comes from here, so the
// package knows nothing about either. A Library is built once and never
// changed; a reload builds a new one and swaps it in through a Store.
//
// The package holds no names, sentences or rules written for any particular
// article: only generic lexicons (speech verbs, honorifics, titles, pronouns,
// month names, stopwords), because it is measured on news it has never seen.
package knowledge

// Article is one news article after cleaning, with the metadata the bot
// cites. Fields that could not be inferred stay empty rather than guessed.
type Article struct {
	// ID is stable across reloads: the file name without its extension.
	ID string `json:"id"`
	// Title is the headline, from front matter or inferred from the text.
	Title string `json:"title"`
	// Publisher is the outlet or agency, such as "RFE/RL".
	Publisher string `json:"publisher"`
	// Published is the date as far as it is known: "2007-10-12" when the
	// year, month and day are known, otherwise what the text gives, such as
	// "August 8" or "July 4-14, 2009". It is never invented.
	Published string `json:"published"`
	// Dateline is the place the story was filed from, such as "MOSCOW".
	Dateline string `json:"dateline,omitempty"`
	// Author is the byline when there is one.
	Author string `json:"author,omitempty"`
	// URL is the source address from front matter, when known.
	URL string `json:"url"`
	// File is the file name the article was read from, relative to the
	// content folder.
	File string `json:"file"`
	// Paragraphs holds the article body with boilerplate removed.
	Paragraphs []string `json:"-"`
}

// QuoteKind says how directly a quote gives the speaker's words, so that
// look-ups can show verbatim words before paraphrase.
type QuoteKind string

// The kinds of quote, in the order a person look-up shows them.
const (
	// Direct is a full quotation in quote marks.
	Direct QuoteKind = "direct"
	// Partial is a few quoted words inside reported speech, as in
	// called sanctions "counterproductive".
	Partial QuoteKind = "partial"
	// Reported is speech given without quote marks: "X said that ...".
	Reported QuoteKind = "reported"
)

// Quote is one thing a person (or an organisation) said in one article.
type Quote struct {
	// ID is "<article id>/<n>", stable for the same text and extractor.
	ID string `json:"id"`
	// Text is the quoted words without their quote marks; for reported
	// speech, the reported clause or sentence.
	Text string `json:"text"`
	// Speaker is the canonical name of the person or organisation, shared
	// by all their quotes across articles; empty when unattributed.
	Speaker string `json:"speaker"`
	// Role is the speaker's role as the article gives it, when known.
	Role string `json:"role,omitempty"`
	// Kind says whether the words are direct, partial or reported.
	Kind QuoteKind `json:"kind"`
	// ArticleID names the article the quote comes from.
	ArticleID string `json:"article_id"`
	// Paragraph is the index of the paragraph (in Article.Paragraphs)
	// where the quote starts, for showing the surrounding text.
	Paragraph int `json:"paragraph"`
}

// Person is one real person (or organisation) across all articles, so that
// "Sergei Lavrov", "Sergey Lavrov", "Lavrov" and "Mr Lavrov" are one entry.
type Person struct {
	// Name is the fullest form of the name found.
	Name string `json:"name"`
	// Aliases are the other forms the articles use.
	Aliases []string `json:"aliases"`
	// Roles are the titles and descriptions the articles give.
	Roles []string `json:"roles"`
	// Quotes counts the person's quotes in the library.
	Quotes int `json:"quotes"`
}

// AnswerKind tells a reader whether an excerpt is somebody's words or a
// fact the article states in its own voice.
type AnswerKind string

// The kinds of answer excerpt.
const (
	// AnswerQuote is a direct or partial quote.
	AnswerQuote AnswerKind = "quote"
	// AnswerStatement is reported speech attributed to a speaker.
	AnswerStatement AnswerKind = "statement"
	// AnswerFact is a sentence of the article in its own voice.
	AnswerFact AnswerKind = "fact"
)

// Answer is one cited excerpt chosen for a question.
type Answer struct {
	// Text is the excerpt.
	Text string `json:"text"`
	// Speaker is the canonical speaker, empty for facts.
	Speaker string `json:"speaker"`
	// Role is the speaker's role, when known.
	Role string `json:"role,omitempty"`
	// Kind says whether this is a quote, a statement or a fact.
	Kind AnswerKind `json:"kind"`
	// Article is the cited article.
	Article Article `json:"article"`
	// Score is the ranking score; higher is better. Only the order of
	// scores within one Result means anything.
	Score float64 `json:"score"`
	// Terms are the words of Text that matched the question, as they are
	// written in Text, so a front end can put them in bold.
	Terms []string `json:"-"`
	// QuoteID is the ID of the quote behind the excerpt, empty for facts.
	QuoteID string `json:"-"`
	// Paragraph is the index of the paragraph the excerpt comes from.
	Paragraph int `json:"-"`
}

// Result is the library's reply to one question. No answers means the
// library abstains: nothing in the articles supports an answer.
type Result struct {
	// Question is the question as asked.
	Question string
	// Answers are the best excerpts, best first, at most as many as asked.
	Answers []Answer
	// Suggestions are a few people or topics that do exist in the library,
	// offered when the library abstains.
	Suggestions []string
}

// FileError reports one file that was skipped while loading, so a bad file
// is named with its reason while the rest of the library still loads.
type FileError struct {
	// File is the file name.
	File string `json:"file"`
	// Reason says why in words a moderator can act on.
	Reason string `json:"reason"`
}

// Error lets a FileError be returned or logged as an error.
func (e FileError) Error() string { return e.File + ": " + e.Reason }

// Correction is a moderator's fix to what the extractor found in one
// article. Corrections live beside the article, in "<file>.corrections.json",
// as a JSON array, so they survive every reload.
type Correction struct {
	// Match selects quotes whose text starts with (or equals) this text,
	// compared case-insensitively with spacing normalised.
	Match string `json:"match"`
	// Speaker, when set, replaces the attributed speaker.
	Speaker string `json:"speaker,omitempty"`
	// Hide removes the quote from the library.
	Hide bool `json:"hide,omitempty"`
	// By and At record which moderator made the change and when (RFC 3339).
	By string `json:"by,omitempty"`
	At string `json:"at,omitempty"`
}
