package knowledge

import "strings"

// This file holds the generic word lists the extractor relies on. They
// describe English news prose in general (speech verbs, honorifics, titles,
// pronouns, months, stopwords, web furniture) and name no article, person
// or sentence, because the extractor must work on news it has never seen.

// set builds a lookup table from a space-separated word list.
func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// speechVerbs are the verb forms that introduce or attribute speech, in
// any tense a news report uses. Direct quotes accept all of them.
var speechVerbs = set(`
say says said saying
tell tells told telling
add adds added adding
note notes noted noting
explain explains explained explaining
argue argues argued arguing
believe believes believed
state states stated stating
claim claims claimed claiming
insist insists insisted insisting
announce announces announced announcing
suggest suggests suggested suggesting
write writes wrote writing
warn warns warned warning
acknowledge acknowledges acknowledged acknowledging
admit admits admitted admitting
allege alleges alleged alleging
assert asserts asserted asserting
ask asks asked asking
comment comments commented commenting
complain complains complained complaining
concede concedes conceded conceding
confirm confirms confirmed confirming
contend contends contended contending
declare declares declared declaring
deny denies denied denying
emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising
estimate estimates estimated
predict predicts predicted predicting
recall recalls recalled recalling
remark remarks remarked
reply replies replied replying
respond responds responded responding
reiterate reiterates reiterated reiterating
report reports reported
reveal reveals revealed
stress stresses stressed stressing
testify testifies testified testifying
tweet tweets tweeted tweeting
urge urges urged urging
vow vows vowed vowing
joke jokes joked joking
quip quips quipped
maintain maintains maintained maintaining
observe observes observed
promise promises promised
recommend recommends recommended
think thinks thought
caution cautions cautioned
charge charges charged
counter counters countered
conclude concludes concluded
wonder wonders wondered
shout shouts shouted
chant chants chanted
exclaim exclaims exclaimed
mention mentions mentioned
advise advises advised
remind reminds reminded
indicate indicates indicated
describe describes described describing
call calls called calling
continue continues continued
quote quoted
repeat repeats repeated
agree agrees agreed
express expresses expressed
point points pointed
reckon reckons reckoned
posit posits posited
propose proposes proposed
acknowledge acknowledged
announce announced
boast boasts boasted
lament laments lamented
plead pleads pleaded
predict predicted
concur concurs concurred
criticize criticizes criticized criticise criticises criticised
`)

// reportVerbs are the speech verbs strong enough to mark a sentence
// without quote marks as reported speech ("X argues that ..."). Verbs such
// as "call" or "continue" are too often used in other senses.
var reportVerbs = set(`
say says said
tell tells told
add adds added
note notes noted
explain explains explained
argue argues argued
believe believes believed
state states stated
claim claims claimed
insist insists insisted
announce announces announced
suggest suggests suggested
write writes wrote
warn warns warned
acknowledge acknowledges acknowledged
admit admits admitted
allege alleges alleged
assert asserts asserted
concede concedes conceded
confirm confirms confirmed
contend contends contended
declare declares declared
deny denies denied
emphasize emphasizes emphasized emphasise emphasises emphasised
predict predicts predicted
recall recalls recalled
reply replies replied
respond responds responded
reiterate reiterates reiterated
reveal reveals revealed
stress stresses stressed
testify testifies testified
tweet tweets tweeted
vow vows vowed
maintain maintains maintained
think thinks
caution cautions cautioned
conclude concludes concluded
expect expects
fear fears feared
hope hopes
complain complains complained
indicate indicates indicated
advises advised
`)

// participleSpeech are the -ing forms that attach reported speech to the
// subject of a main clause: "Rice fired back, saying the United States ...".
var participleSpeech = set(`saying adding noting arguing explaining insisting warning stating claiming suggesting telling describing calling writing tweeting replying responding asking acknowledging admitting declaring urging recalling joking conceding reiterating stressing emphasizing emphasising`)

// honorifics precede a name and, for some of them, tell its gender.
var honorifics = map[string]string{
	"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "mister": "m",
	"mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f", "lady": "f", "madam": "f",
	"dr": "", "dr.": "", "prof": "", "prof.": "", "rev": "", "rev.": "",
}

// titleWords are the words of job titles and ranks that come before a
// name ("Deputy Defense Minister", "U.S. Secretary of State"); they belong
// to the role, never to the name.
var titleWords = set(`
president vice prime minister secretary deputy foreign defense defence under
state chancellor senator sen. rep. representative congressman congresswoman
governor gov. mayor chief justice judge general gen. colonel col. admiral adm.
ambassador director chairman chairwoman chair ceo cfo coo spokesman spokeswoman
spokesperson commissioner premier councillor councilor coun. mp mpp mla leader
king queen prince princess pope professor prof. officer sergeant sgt. constable
const. inspector superintendent supt. detective det. captain capt. lieutenant
lt. major attorney trustee executive first assistant associate acting former
secretary-general head member speaker coach manager founder co-founder
president-elect minister-designate analyst economist expert researcher author
editor correspondent reporter chef owner candidate lawyer counsel dean
principal superintendent sheriff marshal commander cmdr. private pvt. cpl.
corporal staff senior junior interim national regional provincial federal
municipal city county party opposition ex- arms control finance interior
justice health education energy environment trade economy transport labour
labor immigration public safety security intelligence affairs relations
international internal domestic home foreign military army navy air force
police fire crown attorney-general solicitor-general auditor auditor-general
treasurer clerk registrar mr. mrs. ms. dr. sir dame lord lady rabbi imam
bishop archbishop cardinal father reverend rev. pastor elder grand magistrate
`)

// orgWords end the names of organisations, so "Russia's Defense Ministry"
// or "the Saskatoon Police Service" is kept whole as a speaker.
var orgWords = set(`
ministry department council agency police service office commission committee
company inc inc. corp corp. corporation ltd ltd. llc union party government court
university college school association board bank institute foundation group
authority administration embassy kremlin parliament senate congress assembly
federation league organization organisation network centre center society
alliance coalition team club firm agency tribunal bureau commissariat cabinet
secretariat command forces army navy force military police-service hospital
clinic society church trust fund program programme project campaign newspaper
magazine times post journal news press agency television radio channel network
utility airline retailer automaker carmaker insurer broadcaster regulator watchdog
manufacturer developer operator provider startup giant
`)

// pronounGender maps the subject pronouns that can attribute a quote to
// what they can refer to: a man, a woman, an organisation ("o") or a
// group ("p", for "they").
var pronounGender = map[string]string{"he": "m", "she": "f", "it": "o", "they": "p"}

// stopwords are frequent function words; their density tells prose from
// menus, icon strings and lists of links.
var stopwords = set(`
a an the and or but if of to in on at by for with from as into onto about
over after before under between through during without within against
is are was were be been being am do does did have has had will would shall
should can could may might must this that these those it its it's he she they
we you i me him her them us my your his our their there here who whom whose
which what when where why how not no nor so than too very just also then
out up down off again further once all any both each few more most other
some such only own same s t don now
`)

// abbreviations end with a period that does not end a sentence.
var abbreviations = set(`
mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep
rev hon supt det const cpl pvt maj brig insp coun fr
jan feb mar apr jun jul aug sep sept oct nov dec
inc corp ltd co bros no vs etc approx dept est fig al
a.m p.m e.g i.e u.s u.k u.n u.s.a e.u d.c n.w n.e s.w s.e
`)

// months maps month names and their short forms to their number.
var months = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// weekdays are skipped when a capitalised run is read as a name.
var weekdays = set(`monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow`)

// uiPhrases are the words of web-page furniture: comment and login forms,
// share and subscribe blocks, navigation. A short line built around one of
// them is boilerplate, not article text.
var uiPhrases = []string{
	"leave a reply", "leave a comment", "post a comment", "no comments", "comments",
	"log in", "log out", "login", "logout", "sign in", "sign up", "register",
	"you are commenting", "fill in your details", "click an icon",
	"subscribe", "newsletter", "newsfeed", "news feed", "mailing list",
	"share this", "share on", "follow us", "related post", "related posts", "related articles",
	"related stories", "read more", "continue reading", "story continues below",
	"article continued below", "advertisement", "bloggers like this", "connecting to",
	"cookie", "all rights reserved", "copyright", "reprinted with the permission",
	"podcasts", "podcast", "go to the mediabank", "photo:", "image:", "getty images",
	"to participate in the discussion", "chats", "loader", "donation", "donate",
	"recommended", "trending", "most popular", "most read", "responses to",
	"click here", "skip to", "menu", "search", "back to top", "print this",
	"email this", "watch:", "listen:", "also read", "see also", "banner",
}

// speechOpeners are adverbs and auxiliaries that may stand between a
// speaker and a speech verb ("Putin has also said", "she later told").
var speechOpeners = set(`also later then again has have had would will did does is was previously recently once further simply flatly repeatedly earlier now still even only however publicly privately subsequently quickly first initially reportedly`)

// titleModifiers are title words that only qualify a title ("Foreign" in
// "Foreign Minister"); alone before a name they do not make it a title.
var titleModifiers = set(`foreign defense defence state under national regional provincial federal
municipal city county party opposition arms control finance interior justice health education
energy environment trade economy transport labour labor immigration public safety security
intelligence affairs relations international internal domestic home military army navy air
force police fire crown first vice deputy acting former senior junior interim staff executive
assistant associate grand private`)

// auxiliaries follow a subject; a capitalised word before one is probably
// a person or an organisation acting.
var auxiliaries = set(`is was has had will would can could did does should may might must isn't wasn't hasn't didn't doesn't won't can't couldn't wouldn't also`)

// clauseWords open a clause or a phrase; a speaker's description never
// runs across them.
var clauseWords = set(`while during since until because although though whether upon via per amid among across after before when where`)

// placeWords end the names of countries and regions, which are never the
// antecedent of "he" or "she".
var placeWords = set(`kingdom republic states emirates islands island province territory county region coast valley city`)

// notNameWords can never be part of a person's name even when capitalised
// at the start of a sentence ("What I", "Some").
var notNameWords = set(`several few other others the a an and but so then meanwhile earlier later instead however still now also yet thus in on at by for with from as after before when while if because although though this that these those his her their its our my your last next new i we you he she it they what who which whom whose some any all each every no not there here both either neither many most much such`)

// personNouns are common nouns for people and groups who speak in news
// ("a citizen", "residents", "the family").
var personNouns = set(`citizen member public family staff spokesperson official source sources police people person
resident student parent child children mother father son daughter wife husband friend neighbour
neighbor witness victim lawyer judge doctor nurse expert analyst commission committee board
government ministry department company agency crowd team union fan fans viewer audience voter
critic critics supporter opponent protester activist official officials authorities authority
colleague coach player players worker workers employee employees owner owners chief boss aide aides
insider insiders observer observers economist economists scientist scientists researcher
researchers organizer organiser relative relatives sibling brother sister uncle aunt cousin
grandmother grandfather veteran veterans patient patients customer customers client clients
professional professionals individual individuals`)

// thingNouns end like words for people ("-er", "-ent") but name things
// or times, so they never make a description of a speaker.
var thingNouns = set(`number letter paper water center centre summer winter order matter
quarter corner border chapter character meter minister monster register cancer computer
weather power tower answer report statement document agreement government moment comment
event percent parent content element amount department segment payment investment
development management environment president incident accident student`)

// timeWords end time phrases that may stand between a speaker and the
// verb ("Jane Doe earlier this week called …").
var timeWords = set(`week month year weekend morning afternoon evening night today yesterday tonight earlier later recently monday tuesday wednesday thursday friday saturday sunday`)

// nounVerbs are report verbs whose bare form is more often a noun ("a
// Treasury note", "the state"); without quote marks they report speech
// only before "that" or after a pronoun.
var nounVerbs = set(`note state report comment estimate charge counter stress remark claim tweet promise reply vow`)
