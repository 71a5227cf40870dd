package quotes

// The word lists of the extractor. They describe English news prose in general; none is
// drawn from a particular article.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// cueForms maps the inflected forms of speech verbs to their lemma. Verbs of belief
// (think, believe, hope) are left out: they report opinions, not words.
var cueForms = func() map[string]string {
	m := map[string]string{}
	add := func(lemma string, forms ...string) {
		for _, f := range forms {
			m[f] = lemma
		}
	}
	add("say", "say", "says", "said", "saying")
	add("tell", "tell", "tells", "told", "telling")
	add("add", "add", "adds", "added", "adding")
	add("write", "write", "writes", "wrote", "writing", "written")
	add("tweet", "tweet", "tweets", "tweeted", "tweeting")
	add("post", "posted", "posting")
	add("ask", "ask", "asks", "asked", "asking")
	add("continue", "continued", "continues", "continuing")
	add("note", "notes", "noted", "noting")
	add("explain", "explain", "explains", "explained", "explaining")
	add("argue", "argue", "argues", "argued", "arguing")
	add("insist", "insist", "insists", "insisted", "insisting")
	add("state", "stated", "states", "stating")
	add("respond", "respond", "responds", "responded", "responding")
	add("reply", "reply", "replies", "replied", "replying")
	add("declare", "declare", "declares", "declared", "declaring")
	add("claim", "claim", "claims", "claimed", "claiming")
	add("warn", "warn", "warns", "warned", "warning")
	add("announce", "announce", "announces", "announced", "announcing")
	add("acknowledge", "acknowledge", "acknowledges", "acknowledged", "acknowledging")
	add("admit", "admit", "admits", "admitted", "admitting")
	add("recall", "recall", "recalls", "recalled", "recalling")
	add("recount", "recount", "recounts", "recounted", "recounting")
	add("quip", "quip", "quips", "quipped", "quipping")
	add("joke", "joke", "jokes", "joked", "joking")
	add("exclaim", "exclaim", "exclaims", "exclaimed", "exclaiming")
	add("shout", "shout", "shouts", "shouted", "shouting")
	add("yell", "yell", "yells", "yelled", "yelling")
	add("scream", "scream", "screams", "screamed", "screaming")
	add("chant", "chant", "chants", "chanted", "chanting")
	add("cry", "cried", "cries")
	add("proclaim", "proclaim", "proclaims", "proclaimed", "proclaiming")
	add("predict", "predict", "predicts", "predicted", "predicting")
	add("promise", "promise", "promises", "promised", "promising")
	add("pledge", "pledge", "pledges", "pledged", "pledging")
	add("vow", "vow", "vows", "vowed", "vowing")
	add("accuse", "accuse", "accuses", "accused", "accusing")
	add("complain", "complain", "complains", "complained", "complaining")
	add("boast", "boast", "boasts", "boasted", "boasting")
	add("brag", "brag", "brags", "bragged", "bragging")
	add("concede", "concede", "concedes", "conceded", "conceding")
	add("conclude", "conclude", "concludes", "concluded", "concluding")
	add("confirm", "confirm", "confirms", "confirmed", "confirming")
	add("deny", "deny", "denies", "denied", "denying")
	add("emphasize", "emphasize", "emphasizes", "emphasized", "emphasizing", "emphasise", "emphasises", "emphasised", "emphasising")
	add("stress", "stressed", "stresses", "stressing")
	add("suggest", "suggest", "suggests", "suggested", "suggesting")
	add("urge", "urge", "urges", "urged", "urging")
	add("call", "call", "calls", "called", "calling")
	add("describe", "describe", "describes", "described", "describing")
	add("label", "labeled", "labelled", "labels", "labeling", "labelling")
	add("dub", "dubbed", "dubs", "dubbing")
	add("brand", "branded", "brands", "branding")
	add("term", "termed", "terms", "terming")
	add("characterize", "characterized", "characterizes", "characterizing", "characterised", "characterises", "characterising")
	add("praise", "praised", "praises", "praising")
	add("criticize", "criticized", "criticizes", "criticizing", "criticised", "criticises", "criticising")
	add("blast", "blasted", "blasts", "blasting")
	add("slam", "slammed", "slams", "slamming")
	add("mock", "mocked", "mocks", "mocking")
	add("report", "report", "reports", "reported", "reporting")
	add("read", "read", "reads")
	add("testify", "testify", "testifies", "testified", "testifying")
	add("remark", "remark", "remarks", "remarked", "remarking")
	add("observe", "observed", "observes", "observing")
	add("counter", "countered", "counters", "countering")
	add("retort", "retort", "retorts", "retorted", "retorting")
	add("answer", "answered", "answers", "answering")
	add("whisper", "whispered", "whispers", "whispering")
	add("mutter", "muttered", "mutters", "muttering")
	add("sing", "sang", "sings", "singing", "sung")
	add("plead", "pleaded", "pleads", "pleading", "pled")
	add("demand", "demand", "demanded", "demands", "demanding")
	add("caution", "cautioned", "cautions", "cautioning")
	add("reiterate", "reiterate", "reiterates", "reiterated", "reiterating")
	add("repeat", "repeated", "repeats", "repeating")
	add("mention", "mentioned", "mentions", "mentioning")
	add("maintain", "maintained", "maintains", "maintaining")
	add("contend", "contend", "contends", "contended", "contending")
	add("assert", "assert", "asserts", "asserted", "asserting")
	add("allege", "allege", "alleges", "alleged", "alleging")
	add("cite", "cited", "cites", "citing")
	add("quote", "quoted", "quotes", "quoting")
	add("lament", "lamented", "laments", "lamenting")
	add("grumble", "grumbled", "grumbles", "grumbling")
	add("fume", "fumed", "fumes", "fuming")
	add("gush", "gushed", "gushes", "gushing")
	add("rave", "raved", "raves", "raving")
	add("opine", "opined", "opines", "opining")
	add("wonder", "wondered", "wonders", "wondering")
	add("tout", "touted", "touts", "touting")
	add("hail", "hailed", "hails", "hailing")
	add("dismiss", "dismissed", "dismisses", "dismissing")
	add("refer", "referred", "refers", "referring")
	add("blame", "blamed", "blames", "blaming")
	add("interject", "interjected", "interjects")
	add("echo", "echoed", "echoes", "echoing")
	add("pen", "penned", "pens")
	add("text", "texted")
	add("email", "emailed", "emails", "emailing")
	add("thank", "thanked", "thanks", "thanking")
	add("tease", "teased", "teases", "teasing")
	add("threaten", "threatened", "threatens", "threatening")
	add("pray", "prayed")
	add("question", "questioned")
	add("swear", "swore", "sworn")
	add("speak", "spoke", "speaking")
	add("point", "points", "pointed", "pointing")
	add("put", "put", "puts")
	add("go", "went", "goes")
	add("beam", "beamed", "beams")
	add("surmise", "surmised", "surmises")
	add("assure", "assured", "assures", "assuring")
	add("reassure", "reassured", "reassures", "reassuring")
	add("react", "reacted", "reacts")
	add("riff", "riffed", "riffs")
	add("elaborate", "elaborated", "elaborates")
	add("muse", "mused", "muses")
	add("scoff", "scoffed", "scoffs")
	add("snap", "snapped")
	add("confide", "confided")
	add("remind", "reminded", "reminds")
	add("advise", "advised", "advises")
	add("implore", "implored", "implores")
	add("marvel", "marveled", "marvelled", "marvels")
	add("reflect", "reflected", "reflects")
	add("speculate", "speculated", "speculates")
	add("shoot", "shot", "shoots")
	add("fire", "fired", "fires")
	add("hit", "hit", "hits")
	add("weigh", "weighed", "weighs")
	add("chime", "chimed", "chimes")
	add("charge", "charged", "charging")
	add("exhort", "exhorted", "exhorts")
	return m
}()

// cueLemma returns the lemma of w, a lower-case word, when it is a speech verb.
func cueLemma(w string) (string, bool) {
	l, ok := cueForms[w]
	return l, ok
}

// weakCues are speech verbs that also have other common senses ("called for", "a report",
// "speaking of"): they link a quotation only when it follows closely.
var weakCues = set("call", "report", "quote", "cite", "speak", "read", "post", "refer",
	"term", "thank", "question", "demand", "charge", "state", "promise", "answer", "echo", "text")

// nounForms are forms of speech verbs that are as often nouns ("his tweets", "the call",
// "her remarks"): they are cues only right after a subject.
var nounForms = set("tweet", "tweets", "call", "calls", "claim", "claims", "report", "reports",
	"notes", "remark", "remarks", "answers", "demands", "promise", "promises", "quotes",
	"posts", "warning", "charges", "cries", "thanks", "echoes", "vow", "vows", "pledge",
	"pledges", "joke", "jokes", "quip", "quips", "chant", "chants", "text",
	"question", "demand", "answer", "boast", "brag", "tease", "pen", "pens", "terms",
	"brands", "labels", "states", "counters", "blasts", "praises", "cites", "dubs", "retort",
	"retorts", "plea", "pleads", "agrees", "agree",
	"recalls", "shouts", "yells", "screams", "email", "emails", "accuses")

// pronouns that can be the subject of a speech verb, with their gender and number.
var pronouns = map[string]gender{
	"he": male, "she": female, "they": plural, "it": neuter, "we": plural, "i": unknown,
	"you": unknown, "who": unknown,
}

// skipBeforeVerb are words that may stand between a subject and its verb ("he also said",
// "Trump has repeatedly said").
var skipBeforeVerb = set("also", "later", "then", "again", "has", "have", "had", "was", "were",
	"is", "are", "will", "would", "could", "should", "may", "might", "did", "does", "do",
	"not", "never", "once", "previously", "recently", "repeatedly", "publicly", "privately",
	"first", "further", "simply", "just", "quickly", "flatly", "only", "still", "even",
	"ever", "already", "often", "frequently", "sometimes", "finally", "initially",
	"immediately", "eventually", "reportedly", "allegedly", "famously", "now",
	"subsequently", "yesterday", "today", "tonight", "herself", "himself", "themselves",
	"itself", "too", "last", "week", "night", "year", "month", "morning", "afternoon",
	"evening", "earlier", "but", "and", "been", "being", "actually", "apparently",
	"directly", "specifically", "separately", "jokingly", "bluntly", "angrily", "loudly",
	"quietly", "openly", "explicitly", "twice", "here", "there", "ago", "shortly", "soon",
	"afterward", "afterwards", "back", "in", "on", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "always", "usually", "long", "generally",
	"typically", "certainly", "clearly", "ultimately")

// wordNouns name what someone said: "his call for “…”", "her remark that “…”".
var wordNouns = set("call", "calls", "claim", "claims", "remark", "remarks", "comment",
	"comments", "statement", "assertion", "words", "pledge", "promise", "vow", "warning",
	"description", "line", "phrase", "quip", "joke", "slogan", "charge", "accusation",
	"insistence", "declaration", "prediction", "suggestion", "argument", "assumption",
	"contention", "refrain", "boast", "demand", "message", "mantra", "catchphrase", "answer",
	"reply", "response", "admission", "complaint", "criticism", "label")

// docNouns are the things that carry someone's words: "a statement saying …".
var docNouns = set("statement", "release", "email", "e-mail", "letter", "post", "tweet",
	"message", "memo", "report", "ad", "advertisement", "video", "book", "column", "op-ed",
	"interview", "note", "filing", "document", "speech", "remarks", "comments", "response",
	"announcement", "notice", "editorial", "essay", "blog", "podcast", "transcript",
	"website", "site", "page", "cover", "sign", "signs", "banner", "banners", "flyer",
	"flyers", "mailer", "petition", "ads", "commercial", "billboard", "poster", "posters")

// timeWords make time phrases that may stand between a subject and its verb.
var timeWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "week", "weekend", "month", "year", "night", "morning", "afternoon", "evening",
	"today", "yesterday", "tonight", "january", "february", "march", "april", "june", "july",
	"august", "september", "october", "november", "december")

// determiners open a nominal speaker ("the president", "a spokesman").
var determiners = set("the", "a", "an", "his", "her", "their", "its", "our", "this", "that",
	"these", "those", "another", "one", "some", "many", "several", "two", "three", "both",
	"each", "most", "other", "few", "all", "my", "your")

// invertible are the speech verbs that may come before their subject right after a
// quotation ("“…,” said Trump"); others take an object there ("“…,” described the plan").
var invertible = set("say", "add", "ask", "continue", "write", "reply", "respond", "answer", "explain",
	"note", "recall", "insist", "declare", "exclaim", "warn", "tweet", "post", "quip", "joke",
	"observe", "argue", "counter", "retort", "conclude", "concede", "admit", "acknowledge",
	"state", "remark", "recount", "whisper", "shout", "yell", "scream", "cry", "chant", "boast",
	"brag", "complain", "suggest", "predict", "promise", "vow", "pledge", "claim", "announce",
	"proclaim", "assert", "contend", "maintain", "allege", "repeat", "reiterate", "testify",
	"mutter", "sing", "plead", "lament", "grumble", "fume", "gush", "rave", "opine", "wonder",
	"interject", "echo", "emphasize", "stress", "caution", "report", "read", "go", "tell",
	"riff", "muse", "scoff", "react", "elaborate", "marvel", "reflect", "speculate", "chime", "beam")

// leadingWords open a sentence before its subject: "And then Trump went on …".
var leadingWords = set("and", "but", "so", "then", "yet", "also", "still", "meanwhile", "now",
	"later", "earlier", "instead", "moreover", "however", "indeed", "finally", "again", "or", "nor")

// subordinators open a clause before its subject: "While Trump said …".
var subordinators = set("while", "as", "when", "after", "although", "though", "if", "because", "since", "before", "but", "and", "yet", "so", "once", "whereas")

// bareSubjects are determiners that stand alone as a subject: "Another said …".
var bareSubjects = set("another", "one", "some", "many", "several", "both", "others", "most", "few")

// npBreaks end a speaker phrase read leftwards: function words that cannot be inside one.
var npBreaks = set("that", "and", "but", "or", "which", "when", "while", "because", "if",
	"as", "than", "so", "to", "in", "on", "at", "with", "by", "from", "after", "before",
	"since", "until", "where", "whether", "though", "although", "into", "about", "over",
	"under", "what", "how", "why", "not", "nor", "said", "says", "told", "also", "then",
	"there", "here", "it's", "is", "was", "were", "are", "be", "been", "has", "have", "had",
	"will", "would", "can", "could", "should", "may", "might", "must", "do", "does", "did",
	"during", "without", "against", "through", "between", "among", "like", "unlike",
	"upon", "via", "per", "despite", "amid", "toward", "towards", "for", "him", "them",
	"us", "me", "her")

// titles are words that precede a name as a rank or role ("President", "Sen.", "Gov.").
// They are not part of the name and describe its bearer.
var titles = set("president", "vice", "prime", "minister", "chancellor", "senator", "sen",
	"sens", "rep", "reps", "representative", "congressman", "congresswoman", "gov",
	"governor", "lt", "mayor", "secretary", "speaker", "leader", "chairman", "chairwoman",
	"chair", "director", "judge", "justice", "gen", "general", "adm", "admiral", "col",
	"colonel", "capt", "captain", "maj", "major", "sgt", "sergeant", "pope", "king", "queen",
	"prince", "princess", "dr", "mr", "mrs", "ms", "miss", "mx", "rev", "reverend", "sheriff",
	"commissioner", "ambassador", "attorney", "spokesman", "spokeswoman", "spokesperson",
	"aide", "adviser", "advisor", "official", "envoy", "chief", "ceo", "founder", "candidate",
	"nominee", "host", "anchor", "correspondent", "analyst", "strategist", "pastor", "rabbi",
	"bishop", "cardinal", "coach", "professor", "prof", "dean", "president-elect", "former",
	"lady", "sir", "dame", "lord", "deputy", "assistant", "press", "counsel", "whip",
	"economist", "researcher", "editor", "columnist", "reporter", "writer", "author",
	"manager", "executive", "officer", "head", "mp", "mep", "premier", "emir", "sheikh",
	"ayatollah", "detective", "inspector", "superintendent", "lawmaker", "legislator",
	"delegate", "councilman", "councilwoman", "councillor", "councilor", "member",
	"commander", "sec", "supt", "insp", "det", "hon", "amb", "pres", "fr", "msgr", "cmdr",
	"state-elect", "chairperson", "activist", "organizer", "historian",
	"pollster", "operative", "consultant", "lawyer", "attorney-general", "co-founder",
	"cofounder", "businessman", "businesswoman", "billionaire", "actor", "actress",
	"singer", "rapper", "comedian", "star", "designer", "journalist", "commentator",
	"blogger", "broadcaster", "presenter", "producer", "chef", "doctor", "nurse",
	"surgeon", "scientist", "expert", "student", "teacher", "resident", "owner", "partner",
	"director-general", "secretary-general", "undersecretary", "magistrate", "republican",
	"democrat", "democratic", "gop", "independent", "conservative", "liberal", "progressive",
	"engineer", "farmer", "neighbour", "neighbor", "worker", "driver", "pilot", "soldier",
	"veteran", "miner", "fisherman", "shopkeeper", "voter", "supporter", "protester",
	"volunteer", "priest", "imam", "monk", "nun", "architect", "mechanic", "firefighter",
	"paramedic", "baker", "artist", "musician", "poet", "novelist", "filmmaker",
	"photographer", "athlete", "player", "trader", "banker", "investor", "entrepreneur",
	"trooper", "ranger", "agent", "diplomat", "mother",
	"father", "son", "daughter", "wife", "husband", "brother", "sister", "widow", "uncle",
	"aunt", "cousin", "grandmother", "grandfather", "friend", "colleague", "counterpart")

// leaderTitles are titles of a head of state or government: "the Russian leader" may
// name any of them.
var leaderTitles = set("president", "leader", "prime", "minister", "chancellor", "premier",
	"king", "queen", "emir", "pope", "ayatollah", "chief")

// orgHeads end the names of organisations and places, not people ("White House",
// "Oval Office"); a pronoun "he" never points at them.
var orgHeads = set("house", "office", "sea", "union", "party", "committee", "news", "post",
	"times", "street", "department", "ministry", "council", "commission", "court",
	"congress", "senate", "university", "college", "network", "channel", "social",
	"agency", "service", "journal", "institute", "foundation", "center", "centre",
	"administration", "army", "force", "forces", "bank", "fund", "group", "inc", "corp",
	"company", "association", "organization", "organisation", "club", "church", "school",
	"hospital", "airport", "road", "avenue", "square", "park", "river", "island",
	"county", "city", "state", "states", "republic", "kingdom", "nations", "day", "war",
	"act", "bill", "plan", "program", "programme", "show", "tribune", "herald", "daily",
	"magazine", "radio", "tv", "television", "media", "studies", "caucus", "campaign",
	"kremlin", "pentagon", "parliament", "assembly", "guard", "police", "navy", "corps",
	"review", "report", "observer", "telegraph", "guardian", "gazette", "examiner", "monitor",
	"press", "wire", "online", "today", "weekly", "cnn", "bbc", "nbc", "cbs", "abc", "fox",
	"msnbc", "reuters", "afp", "ap", "politico", "breitbart", "hill", "coalition", "alliance",
	"movement", "front", "league", "federation", "authority", "board", "bureau", "division",
	"unit", "team", "staff", "courts", "centers", "institution", "trust",
	"project", "initiative", "watch", "lab", "labs", "democrats",
	"republicans", "gop", "nato", "un", "eu", "fbi", "cia", "nsa", "doj", "dhs", "epa",
	"white", "capitol", "hall", "building", "tower", "palace", "ocean", "gulf", "bay",
	"mountains", "valley", "desert", "region", "province", "district", "world", "cup",
	"games", "olympics", "award", "awards", "prize", "festival", "conference", "summit",
	"convention", "debate", "primary", "election", "poll", "survey", "index", "market",
	"exchange", "stock", "airlines", "airways", "motors", "technologies", "systems",
	"industries", "holdings", "partners", "capital", "ventures",
	"networks", "productions", "records", "entertainment", "sports")

// notNames are capitalised words that begin sentences or stand in titles but never name
// a speaker: days, months, and other words that are capitalised by convention.
var notNames = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
	"jul", "aug", "sep", "sept", "oct", "nov", "dec", "i", "god", "internet", "twitter",
	"facebook", "instagram", "youtube", "tiktok", "x", "but", "and", "or", "so", "yet",
	"ok", "okay", "yes", "no", "oh", "well", "meanwhile", "however", "still", "also",
	"even", "speaking", "asked", "according", "earlier", "later", "after", "before",
	"during", "since", "when", "while", "if", "although", "though", "because", "as",
	"in", "on", "at", "for", "from", "with", "by", "to", "of", "into", "about", "over",
	"under", "despite", "amid", "among", "unlike", "like", "last", "next", "this", "that",
	"these", "those", "there", "here", "it", "its", "their", "his", "her", "our", "my",
	"your", "we", "they", "he", "she", "you", "the", "a", "an", "what", "who", "why",
	"how", "where", "which", "now", "then", "today", "tomorrow", "yesterday", "tonight",
	"not", "all", "some", "many", "most", "more", "one", "two", "both", "each", "every",
	"any", "other", "another", "such", "only", "just", "instead", "indeed", "again",
	"separately", "similarly", "further", "furthermore", "moreover", "overall", "finally",
	"first", "second", "third", "once", "thus", "hence", "therefore", "otherwise",
	"perhaps", "maybe", "already", "always", "never", "sometimes", "often", "until",
	"upon", "via", "per", "against", "between", "through", "toward", "towards", "without",
	"within", "behind", "above", "below", "across", "around", "near", "off", "out", "up",
	"outside", "inside", "alongside", "throughout", "beyond", "besides", "along",
	"down", "away", "too", "very", "much", "less", "least", "few", "several", "said",
	"says", "told", "added", "wrote", "mr", "mrs", "ms", "dr", "let", "let's", "please",
	"thank", "thanks", "dear", "hey", "hi", "hello", "sorry", "look", "listen", "watch",
	"read", "see", "click", "sign", "follow", "related", "update", "updated", "photo",
	"video", "image", "advertisement", "breaking", "exclusive", "opinion", "analysis",
	"editor's", "note", "live", "latest", "top", "new", "old", "former",
	"whatever", "whoever", "whenever", "wherever", "ah", "uh", "um", "wow", "hmm", "amen",
	"early", "late",
	"sir", "madam", "president", "senator", "governor", "secretary")

// nationalities maps country names, their adjectives and the seats of their governments
// to one key, so that "the Russian leader" can find "Russian President Vladimir Putin"
// and "the Kremlin chief" too.
var nationalities = func() map[string]string {
	m := map[string]string{}
	add := func(key string, words ...string) {
		m[key] = key
		for _, w := range words {
			m[w] = key
		}
	}
	add("us", "u.s", "u.s.", "usa", "america", "american", "united states", "washington", "white house")
	add("russia", "russian", "kremlin", "moscow")
	add("ukraine", "ukrainian", "kyiv", "kiev")
	add("uk", "britain", "british", "u.k", "u.k.", "england", "english", "downing street", "london", "united kingdom")
	add("france", "french", "elysee", "élysée", "paris")
	add("germany", "german", "berlin")
	add("italy", "italian", "rome")
	add("china", "chinese", "beijing")
	add("japan", "japanese", "tokyo")
	add("india", "indian", "delhi")
	add("israel", "israeli", "jerusalem")
	add("iran", "iranian", "tehran")
	add("turkey", "turkish", "turkiye", "türkiye", "ankara")
	add("canada", "canadian", "ottawa")
	add("mexico", "mexican")
	add("brazil", "brazilian", "brasilia")
	add("spain", "spanish", "madrid")
	add("poland", "polish", "warsaw")
	add("finland", "finnish", "helsinki")
	add("sweden", "swedish", "stockholm")
	add("norway", "norwegian", "oslo")
	add("denmark", "danish", "copenhagen")
	add("netherlands", "dutch", "hague")
	add("belgium", "belgian", "brussels")
	add("austria", "austrian", "vienna")
	add("switzerland", "swiss", "bern")
	add("greece", "greek", "athens")
	add("hungary", "hungarian", "budapest")
	add("syria", "syrian", "damascus")
	add("iraq", "iraqi", "baghdad")
	add("egypt", "egyptian", "cairo")
	add("saudi", "saudi arabia", "riyadh")
	add("pakistan", "pakistani", "islamabad")
	add("afghanistan", "afghan", "kabul")
	add("korea", "korean", "seoul", "pyongyang")
	add("australia", "australian", "canberra")
	add("venezuela", "venezuelan", "caracas")
	add("cuba", "cuban", "havana")
	add("palestine", "palestinian", "gaza")
	add("lebanon", "lebanese", "beirut")
	add("vatican", "holy see")
	add("europe", "european", "eu")
	return m
}()
