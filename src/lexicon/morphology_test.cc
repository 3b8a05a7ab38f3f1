#include "lexicon/morphology.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace cronista {
namespace {

namespace fs = std::filesystem;

const Morphology& It() {
  static const Morphology m = [] {
    auto r = Morphology::Load(CRONISTA_SOURCE_DATA_DIR, "it");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }();
  return m;
}

const Morphology& En() {
  static const Morphology m = [] {
    auto r = Morphology::Load(CRONISTA_SOURCE_DATA_DIR, "en");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return std::move(r).value();
  }();
  return m;
}

// Features of `form` among the forms of `lemma`; -1 when absent.
int Features(const Morphology& m, std::string_view lemma, std::string_view form) {
  for (const WordForm& f : m.VerbForms(lemma)) {
    if (f.form == form) return f.features;
  }
  return -1;
}

bool Has(const Morphology& m, std::string_view lemma, std::string_view form) {
  return Features(m, lemma, form) >= 0;
}

// Checks that every form of `forms` is among the forms of `lemma`.
void ExpectForms(const Morphology& m, std::string_view lemma,
                 std::initializer_list<std::string_view> forms) {
  for (std::string_view f : forms) EXPECT_TRUE(Has(m, lemma, f)) << lemma << " -> " << f;
}

void ExpectNoForms(const Morphology& m, std::string_view lemma,
                   std::initializer_list<std::string_view> forms) {
  for (std::string_view f : forms) EXPECT_FALSE(Has(m, lemma, f)) << lemma << " -/-> " << f;
}

bool NounHas(const Morphology& m, std::string_view word, std::string_view form) {
  std::vector<std::string> v = m.NounForms(word);
  return std::find(v.begin(), v.end(), form) != v.end();
}

// ---------------------------------------------------------------------------
// Italian verbs
// ---------------------------------------------------------------------------

TEST(MorphologyItalianVerbs, RegularAreAllTenses) {
  ExpectForms(It(), "firmare",
              {"firmare",    "firmo",      "firmi",      "firma",        "firmiamo", "firmate",
               "firmano",    "firmavo",    "firmavamo",  "firmavano",    "firmai",   "firmasti",
               "firmò",      "firmammo",   "firmaste",   "firmarono",    "firmerò",  "firmerai",
               "firmerà",    "firmeremo",  "firmerete",  "firmeranno",   "firmerei", "firmeresti",
               "firmerebbe", "firmeremmo", "firmereste", "firmerebbero", "firmino",  "firmiate",
               "firmassi",   "firmasse",   "firmassimo", "firmassero",   "firmando", "firmato",
               "firmata",    "firmati",    "firmate"});
  ExpectNoForms(It(), "firmare", {"firmarò", "firmerebbo", "firmuto"});
}

TEST(MorphologyItalianVerbs, Features) {
  EXPECT_EQ(Features(It(), "firmare", "firmerebbe"), kConditional);
  EXPECT_EQ(Features(It(), "firmare", "firmerà"), kFuture);
  EXPECT_EQ(Features(It(), "firmare", "firmò"), kPast);
  EXPECT_EQ(Features(It(), "firmare", "firmarono"), kPast);
  EXPECT_EQ(Features(It(), "firmare", "firmava"), kImperfect);
  EXPECT_EQ(Features(It(), "firmare", "firmare"), kInfinitive);
  EXPECT_EQ(Features(It(), "firmare", "firmando"), kGerund);
  EXPECT_EQ(Features(It(), "firmare", "firmato"), kParticiple);
  EXPECT_EQ(Features(It(), "firmare", "firmata"), kParticiple);
  EXPECT_EQ(Features(It(), "firmare", "firmasse"), kSubjunctive | kImperfect);
  // Several cells: the OR of their features.
  EXPECT_EQ(Features(It(), "firmare", "firmaste"), kPast | kSubjunctive | kImperfect);
  EXPECT_EQ(Features(It(), "firmare", "firmate"), kPresent | kImperative | kParticiple);
  EXPECT_EQ(Features(It(), "firmare", "firma"), kPresent | kImperative);
  EXPECT_EQ(Features(It(), "firmare", "firmi"), kPresent | kSubjunctive | kImperative);
  EXPECT_EQ(Features(It(), "firmare", "firmarlo"), kInfinitive | kEnclitic);
  EXPECT_EQ(Features(It(), "firmare", "firmandolo"), kGerund | kEnclitic);
}

TEST(MorphologyItalianVerbs, NoDuplicatesAndLemmaFirst) {
  for (std::string_view lemma : {"firmare", "essere", "recarsi", "proporre", "finire"}) {
    std::vector<WordForm> forms = It().VerbForms(lemma);
    ASSERT_FALSE(forms.empty());
    std::vector<std::string> seen;
    for (const WordForm& f : forms) {
      EXPECT_EQ(std::count(seen.begin(), seen.end(), f.form), 0) << f.form;
      seen.push_back(f.form);
      EXPECT_NE(f.features, 0) << f.form;
    }
  }
  EXPECT_EQ(It().VerbForms("firmare")[0].form, "firmare");
  EXPECT_EQ(It().VerbForms("recarsi")[0].form, "recare");
}

TEST(MorphologyItalianVerbs, Enclitics) {
  ExpectForms(It(), "firmare",
              {"firmarlo", "firmarla", "firmarli", "firmarle", "firmarne", "firmarsi", "firmarci",
               "firmargli", "firmandolo", "firmandola", "firmandone", "firmandosi"});
  EXPECT_EQ(Features(It(), "definire", "definendola"), kGerund | kEnclitic);
  EXPECT_EQ(Features(It(), "porre", "porlo"), kInfinitive | kEnclitic);
  ExpectForms(It(), "condurre", {"condurla", "conducendolo"});
  ExpectForms(It(), "fare", {"farlo", "facendolo"});
  ExpectForms(It(), "essere", {"esserci", "essendoci"});
}

TEST(MorphologyItalianVerbs, Reflexive) {
  EXPECT_EQ(Features(It(), "recarsi", "recandosi"), kGerund | kEnclitic);
  EXPECT_EQ(Features(It(), "recarsi", "recarsi"), kInfinitive | kEnclitic);
  ExpectForms(
      It(), "recarsi",
      {"reca", "recato", "recata", "recati", "recherà", "rechi", "recò", "recarono", "recare"});
  ExpectForms(It(), "impegnarsi", {"impegna", "impegnato", "impegnerà", "impegnandosi"});
  ExpectForms(
      It(), "dimettersi",
      {"dimette", "dimise", "dimesso", "dimessa", "dimettersi", "dimettendosi", "dimisero"});
  ExpectForms(It(), "rivolgersi", {"rivolge", "rivolse", "rivolto", "rivolgendosi"});
  ExpectForms(It(), "opporsi", {"oppone", "oppose", "opposto", "opporsi", "opponendosi"});
  ExpectForms(It(), "ridursi", {"riduce", "ridotto", "ridursi"});
  ExpectForms(It(), "pentirsi", {"pente", "pentito", "pentirsi"});
}

TEST(MorphologyItalianVerbs, Orthography) {
  // -care/-gare: h before e and i.
  ExpectForms(It(), "cercare", {"cerchi", "cerchiamo", "cercherà", "cerchino", "cerca"});
  ExpectForms(It(), "pagare", {"paghi", "pagherà", "paghiamo", "pagato"});
  ExpectNoForms(It(), "cercare", {"cerci", "cercerà"});
  // -ciare/-giare: no i before e or i.
  ExpectForms(It(), "cominciare",
              {"comincerà", "comincerebbe", "cominci", "cominciamo", "comincino", "comincia"});
  ExpectNoForms(It(), "cominciare", {"comincierà", "comincii"});
  ExpectForms(It(), "mangiare", {"mangerò", "mangi"});
  ExpectForms(It(), "lasciare", {"lascerà", "lasci"});
  // -iare: the stem's i merges with an ending in i...
  ExpectForms(It(), "studiare", {"studi", "studino", "studierà", "studiamo"});
  ExpectNoForms(It(), "studiare", {"studii", "studiiamo"});
  ExpectForms(It(), "negoziare", {"negozi", "negozierà", "negoziato"});
  // ...unless the i is stressed.
  ExpectForms(It(), "inviare", {"invii", "inviano", "inviamo", "inviino", "invierà", "inviato"});
  ExpectNoForms(It(), "inviare", {"inviiamo"});
  ExpectForms(It(), "rinviare", {"rinvii", "rinviato"});
  ExpectForms(It(), "avviare", {"avvii"});
  ExpectForms(It(), "sciare", {"scii", "scierà"});
  ExpectForms(It(), "tagliare", {"tagli", "taglierà"});
}

TEST(MorphologyItalianVerbs, RegularEreIre) {
  ExpectForms(It(), "temere",
              {"temo", "teme", "temono", "temeva", "temei", "temetti", "temé", "temette",
               "temerono", "temettero", "temerà", "temerebbe", "tema", "temano", "temesse",
               "temendo", "temuto", "temute"});
  EXPECT_EQ(Features(It(), "temere", "temé"), kPast);
  ExpectForms(It(), "definire",
              {"definisco", "definisce", "definiamo", "definiscono", "definiva", "definì",
               "definirono", "definirà", "definirebbe", "definisca", "definiscano", "definisse",
               "definendo", "definito", "definita"});
  ExpectNoForms(It(), "definire", {"defino", "defina"});
  ExpectForms(It(), "costruire", {"costruisce", "costruito", "costruirà"});
  ExpectForms(It(), "partire", {"parto", "parte", "partono", "parta", "partì", "partito"});
  ExpectNoForms(It(), "partire", {"partisco"});
  ExpectForms(It(), "eseguire", {"esegue", "eseguisce", "eseguito"});
  ExpectForms(It(), "seguire", {"segue", "seguono", "seguito"});
  ExpectForms(It(), "inseguire", {"insegue", "inseguito"});
  ExpectForms(It(), "consentire", {"consente", "consentito"});
  ExpectForms(It(), "avvertire", {"avverte", "avvertito"});
  ExpectForms(It(), "investire", {"investe"});
}

TEST(MorphologyItalianVerbs, Essere) {
  ExpectForms(
      It(), "essere",
      {"sono",  "sei",     "è",    "siamo",   "siete",   "ero",     "era",       "erano", "fui",
       "fu",    "furono",  "sarò", "sarà",    "saranno", "sarebbe", "sarebbero", "sia",   "siano",
       "fosse", "fossero", "sii",  "essendo", "stato",   "stata",   "stati",     "state"});
  EXPECT_EQ(Features(It(), "essere", "sono"), kPresent);
  EXPECT_EQ(Features(It(), "essere", "sarebbe"), kConditional);
  EXPECT_EQ(Features(It(), "essere", "sarà"), kFuture);
  EXPECT_EQ(Features(It(), "essere", "fu"), kPast);
  EXPECT_EQ(Features(It(), "essere", "foste"), kPast | kSubjunctive | kImperfect);
}

TEST(MorphologyItalianVerbs, CommonIrregulars) {
  ExpectForms(It(), "avere",
              {"ho", "ha", "hanno", "abbiamo", "ebbe", "ebbero", "avrà", "avrebbe", "abbia",
               "avesse", "avuto", "avendo"});
  ExpectForms(It(), "fare",
              {"faccio", "fa", "fanno", "facciamo", "faceva", "fece", "fecero", "facesti", "farà",
               "farebbe", "faccia", "facesse", "facendo", "fatto", "fatta", "fai", "fa'"});
  ExpectForms(
      It(), "dare",
      {"do", "dà", "danno", "diede", "dette", "diedero", "darà", "dia", "desse", "dato", "dando"});
  ExpectForms(It(), "dire",
              {"dico", "dice", "dicono", "diceva", "disse", "dissero", "dirà", "dica", "dicesse",
               "dicendo", "detto", "dite"});
  ExpectForms(It(), "stare",
              {"sto", "sta", "stanno", "stette", "starà", "stia", "stesse", "stato", "stando"});
  ExpectForms(
      It(), "andare",
      {"vado", "va", "vanno", "andiamo", "andrà", "andrebbe", "vada", "andò", "andato", "andando"});
  ExpectForms(It(), "venire",
              {"vengo", "viene", "vengono", "venne", "vennero", "verrà", "verrebbe", "venga",
               "venuto", "venendo", "vieni"});
  ExpectForms(It(), "tenere", {"tengo", "tiene", "tengono", "tenne", "terrà", "tenga", "tenuto"});
  ExpectForms(It(), "volere",
              {"voglio", "vuole", "vogliono", "volle", "vorrà", "vorrebbe", "voglia", "voluto"});
  ExpectForms(It(), "potere",
              {"posso", "può", "possono", "poté", "potrà", "potrebbe", "possa", "potuto"});
  ExpectForms(It(), "dovere",
              {"devo", "deve", "dobbiamo", "devono", "dovrà", "dovrebbe", "debba", "dovuto"});
  ExpectForms(It(), "sapere", {"so", "sa", "sanno", "seppe", "saprà", "sappia", "saputo"});
  ExpectForms(It(), "rimanere", {"rimango", "rimane", "rimase", "rimarrà", "rimanga", "rimasto"});
  ExpectForms(It(), "morire",
              {"muore", "muoiono", "morì", "morirà", "morrà", "muoia", "morto", "morti"});
  ExpectForms(It(), "uscire", {"esco", "esce", "usciamo", "escono", "uscì", "esca", "uscito"});
  ExpectForms(It(), "riuscire", {"riesce", "riuscito", "riesca"});
  ExpectForms(It(), "salire", {"salgo", "sale", "salgono", "salga", "salito"});
  ExpectForms(It(), "bere", {"bevo", "beve", "bevve", "berrà", "bevuto", "bevendo"});
  ExpectForms(It(), "nascere", {"nasce", "nacque", "nacquero", "nato", "nata", "nati"});
  ExpectForms(It(), "vivere", {"vive", "visse", "vivrà", "vissuto"});
  ExpectForms(It(), "vedere", {"vede", "vide", "videro", "vedrà", "visto", "veduto", "vista"});
  ExpectForms(It(), "cadere", {"cade", "cadde", "cadrà", "caduto"});
  ExpectForms(It(), "parere", {"pare", "paiono", "parve", "parrà", "paia", "parso"});
  ExpectForms(It(), "valere", {"vale", "valgono", "valse", "varrà", "valso"});
  ExpectForms(It(), "nuocere", {"nuoce", "nocque", "nuociuto"});
  ExpectForms(It(), "aprire", {"apre", "aprì", "aperse", "aperto", "aperta"});
  ExpectForms(It(), "offrire", {"offre", "offrì", "offerto"});
  ExpectForms(It(), "soffrire", {"soffre", "sofferto"});
  ExpectForms(It(), "scoprire", {"scopre", "scoperto", "scoprì"});
  ExpectForms(It(), "apparire", {"appare", "appaiono", "apparve", "apparso", "apparì"});
  ExpectForms(It(), "scomparire", {"scompare", "scomparve", "scomparso", "scomparsa"});
  ExpectForms(It(), "udire", {"odo", "ode", "udiamo", "udito"});
}

TEST(MorphologyItalianVerbs, StrongPastAndParticiples) {
  struct Case {
    const char* lemma;
    const char* past3;
    const char* pp;
  };
  const Case cases[] = {
      {"prendere", "prese", "preso"},
      {"sorprendere", "sorprese", "sorpreso"},
      {"riprendere", "riprese", "ripreso"},
      {"mettere", "mise", "messo"},
      {"promettere", "promise", "promesso"},
      {"permettere", "permise", "permesso"},
      {"ammettere", "ammise", "ammesso"},
      {"smettere", "smise", "smesso"},
      {"trasmettere", "trasmise", "trasmesso"},
      {"sottomettere", "sottomise", "sottomesso"},
      {"commettere", "commise", "commesso"},
      {"chiedere", "chiese", "chiesto"},
      {"richiedere", "richiese", "richiesto"},
      {"rispondere", "rispose", "risposto"},
      {"scrivere", "scrisse", "scritto"},
      {"sottoscrivere", "sottoscrisse", "sottoscritto"},
      {"prescrivere", "prescrisse", "prescritto"},
      {"vincere", "vinse", "vinto"},
      {"convincere", "convinse", "convinto"},
      {"uccidere", "uccise", "ucciso"},
      {"decidere", "decise", "deciso"},
      {"difendere", "difese", "difeso"},
      {"offendere", "offese", "offeso"},
      {"spendere", "spese", "speso"},
      {"accendere", "accese", "acceso"},
      {"scendere", "scese", "sceso"},
      {"rendere", "rese", "reso"},
      {"sospendere", "sospese", "sospeso"},
      {"estendere", "estese", "esteso"},
      {"attendere", "attese", "atteso"},
      {"intendere", "intese", "inteso"},
      {"pretendere", "pretese", "preteso"},
      {"tendere", "tese", "teso"},
      {"stendere", "stese", "steso"},
      {"correre", "corse", "corso"},
      {"soccorrere", "soccorse", "soccorso"},
      {"ricorrere", "ricorse", "ricorso"},
      {"occorrere", "occorse", "occorso"},
      {"percorrere", "percorse", "percorso"},
      {"muovere", "mosse", "mosso"},
      {"rimuovere", "rimosse", "rimosso"},
      {"promuovere", "promosse", "promosso"},
      {"leggere", "lesse", "letto"},
      {"eleggere", "elesse", "eletto"},
      {"proteggere", "protesse", "protetto"},
      {"dirigere", "diresse", "diretto"},
      {"distruggere", "distrusse", "distrutto"},
      {"chiudere", "chiuse", "chiuso"},
      {"concludere", "concluse", "concluso"},
      {"escludere", "escluse", "escluso"},
      {"includere", "incluse", "incluso"},
      {"accogliere", "accolse", "accolto"},
      {"cogliere", "colse", "colto"},
      {"raccogliere", "raccolse", "raccolto"},
      {"scegliere", "scelse", "scelto"},
      {"togliere", "tolse", "tolto"},
      {"sciogliere", "sciolse", "sciolto"},
      {"giungere", "giunse", "giunto"},
      {"raggiungere", "raggiunse", "raggiunto"},
      {"aggiungere", "aggiunse", "aggiunto"},
      {"spingere", "spinse", "spinto"},
      {"respingere", "respinse", "respinto"},
      {"fingere", "finse", "finto"},
      {"piangere", "pianse", "pianto"},
      {"porgere", "porse", "porto"},
      {"sorgere", "sorse", "sorto"},
      {"volgere", "volse", "volto"},
      {"svolgere", "svolse", "svolto"},
      {"coinvolgere", "coinvolse", "coinvolto"},
      {"esprimere", "espresse", "espresso"},
      {"reprimere", "represse", "represso"},
      {"sopprimere", "soppresse", "soppresso"},
      {"opprimere", "oppresse", "oppresso"},
      {"rompere", "ruppe", "rotto"},
      {"interrompere", "interruppe", "interrotto"},
      {"assumere", "assunse", "assunto"},
      {"discutere", "discusse", "discusso"},
      {"dividere", "divise", "diviso"},
      {"invadere", "invase", "invaso"},
      {"persuadere", "persuase", "persuaso"},
      {"esplodere", "esplose", "esploso"},
      {"ledere", "lese", "leso"},
      {"mordere", "morse", "morso"},
      {"perdere", "perse", "perso"},
      {"ridere", "rise", "riso"},
      {"succedere", "successe", "successo"},
      {"concedere", "concesse", "concesso"},
      {"annettere", "annesse", "annesso"},
      {"crescere", "crebbe", "cresciuto"},
      {"conoscere", "conobbe", "conosciuto"},
      {"riconoscere", "riconobbe", "riconosciuto"},
      {"prevedere", "previde", "previsto"},
      {"provvedere", "provvide", "provveduto"},
      {"ottenere", "ottenne", "ottenuto"},
      {"mantenere", "mantenne", "mantenuto"},
      {"sostenere", "sostenne", "sostenuto"},
      {"detenere", "detenne", "detenuto"},
      {"trattenere", "trattenne", "trattenuto"},
      {"appartenere", "appartenne", "appartenuto"},
      {"contenere", "contenne", "contenuto"},
      {"intervenire", "intervenne", "intervenuto"},
      {"porre", "pose", "posto"},
      {"imporre", "impose", "imposto"},
      {"proporre", "propose", "proposto"},
      {"opporre", "oppose", "opposto"},
      {"deporre", "depose", "deposto"},
      {"comporre", "compose", "composto"},
      {"disporre", "dispose", "disposto"},
      {"trarre", "trasse", "tratto"},
      {"ritrarre", "ritrasse", "ritratto"},
      {"sottrarre", "sottrasse", "sottratto"},
      {"condurre", "condusse", "condotto"},
      {"produrre", "produsse", "prodotto"},
      {"ridurre", "ridusse", "ridotto"},
      {"introdurre", "introdusse", "introdotto"},
      {"tradurre", "tradusse", "tradotto"},
      {"sconfiggere", "sconfisse", "sconfitto"},
      {"infliggere", "inflisse", "inflitto"},
      {"risolvere", "risolse", "risolto"},
      {"estinguere", "estinse", "estinto"},
      {"emergere", "emerse", "emerso"},
      {"diffondere", "diffuse", "diffuso"},
      {"spegnere", "spense", "spento"},
      {"costringere", "costrinse", "costretto"},
      {"accorgere", "accorse", "accorto"},
      {"correggere", "corresse", "corretto"},
      {"nascondere", "nascose", "nascosto"},
      {"dipendere", "dipese", "dipeso"},
      {"arrendere", "arrese", "arreso"},
      {"condividere", "condivise", "condiviso"},
  };
  for (const Case& c : cases) {
    // -se pasts are also feminine plural participles (prese: kPast | kParticiple).
    int past = Features(It(), c.lemma, c.past3);
    EXPECT_TRUE(past > 0 && (past & kPast)) << c.lemma << " -> " << c.past3;
    EXPECT_EQ(past & ~(kPast | kParticiple), 0) << c.lemma << " -> " << c.past3;
    EXPECT_TRUE(Features(It(), c.lemma, c.pp) & kParticiple) << c.lemma << " -> " << c.pp;
    EXPECT_EQ(It().VerbForms(c.lemma)[0].form, c.lemma);
  }
  // Weak persons of a strong past stay regular; plural participle = strong past.
  ExpectForms(It(), "prendere", {"presi", "prendesti", "prendemmo", "presero", "presa"});
  EXPECT_EQ(Features(It(), "prendere", "presi"), kPast | kParticiple);
  ExpectNoForms(It(), "prendere", {"prendé", "prenduto", "prenderono"});
  // Compounds keep the base's irregular present and future.
  ExpectForms(It(), "proporre",
              {"propongo", "propone", "proponiamo", "propongono", "proporrà", "proporrebbe",
               "proponeva", "proponga", "proponendo"});
  ExpectForms(It(), "ottenere", {"ottiene", "otterrà", "ottengono", "ottenga"});
  ExpectForms(It(), "sostenere", {"sostiene", "sosterrebbe"});
  ExpectForms(It(), "scegliere", {"scelgo", "sceglie", "scelgono", "scelga", "sceglierà"});
  ExpectForms(It(), "produrre", {"produce", "producono", "produrrà", "produceva"});
  ExpectForms(It(), "attrarre", {"attrae", "attraggono", "attrasse", "attratto"});
  ExpectForms(It(), "prevedere", {"prevede", "prevedrà", "prevederà", "previsto"});
  ExpectForms(It(), "provvedere", {"provvederà", "provvisto"});
  ExpectForms(It(), "soddisfare", {"soddisfa", "soddisfece", "soddisfatto", "soddisferà"});
  ExpectForms(It(), "contraddire", {"contraddice", "contraddisse", "contraddetto"});
}

TEST(MorphologyItalianVerbs, NonVerbsAndEdgeCases) {
  std::vector<WordForm> f = It().VerbForms("accordo");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].form, "accordo");
  EXPECT_EQ(f[0].features, kInfinitive);
  EXPECT_TRUE(It().VerbForms("").empty());
  // Case and decomposed accents are normalised.
  EXPECT_TRUE(Has(It(), "FIRMARE", "firmerà"));
  EXPECT_EQ(It().NounForms("Citta\xCC\x80"), std::vector<std::string>{"città"});
  // Several words: the first inflects.
  ExpectForms(It(), "mettere in atto", {"mise in atto", "messo in atto"});
}

// ---------------------------------------------------------------------------
// English verbs
// ---------------------------------------------------------------------------

TEST(MorphologyEnglishVerbs, Regular) {
  EXPECT_EQ(Features(En(), "sign", "sign"), kInfinitive | kPresent | kImperative);
  EXPECT_EQ(Features(En(), "sign", "signs"), kPresent);
  EXPECT_EQ(Features(En(), "sign", "signed"), kPast | kParticiple);
  EXPECT_EQ(Features(En(), "sign", "signing"), kGerund);
  EXPECT_EQ(En().VerbForms("sign").size(), 4u);
  ExpectForms(En(), "deny", {"denies", "denied", "denying"});
  ExpectForms(En(), "play", {"plays", "played", "playing"});
  ExpectForms(En(), "agree", {"agrees", "agreed", "agreeing"});
  ExpectForms(En(), "condemn", {"condemns", "condemned", "condemning"});
  ExpectForms(En(), "reach", {"reaches", "reached"});
  ExpectForms(En(), "push", {"pushes"});
  ExpectForms(En(), "veto", {"vetoes", "vetoed", "vetoing"});
  ExpectForms(En(), "accuse", {"accused", "accusing", "accuses"});
  ExpectForms(En(), "die", {"died", "dying", "dies"});
  ExpectForms(En(), "tie", {"tied", "tying"});
  ExpectForms(En(), "visit", {"visited", "visiting"});
  ExpectNoForms(En(), "visit", {"visitted"});
}

TEST(MorphologyEnglishVerbs, Doubling) {
  ExpectForms(En(), "stop", {"stopped", "stopping", "stops"});
  ExpectForms(En(), "ban", {"banned", "banning"});
  ExpectForms(En(), "plan", {"planned", "planning"});
  ExpectNoForms(En(), "fix", {"fixxed"});
  ExpectNoForms(En(), "show", {"showwed"});
  ExpectNoForms(En(), "rain", {"rainned"});
  ExpectForms(En(), "commit", {"committed", "committing", "commits"});
  ExpectNoForms(En(), "commit", {"commited"});
  ExpectForms(En(), "occur", {"occurred", "occurring"});
  ExpectForms(En(), "refer", {"referred"});
  ExpectForms(En(), "control", {"controlled", "controlling"});
  ExpectForms(En(), "submit", {"submitted"});
  ExpectForms(En(), "kidnap", {"kidnapped", "kidnaped"});
  EXPECT_EQ(Features(En(), "travel", "travelled"), kPast | kParticiple);
  EXPECT_EQ(Features(En(), "travel", "traveled"), kPast | kParticiple);
  ExpectForms(En(), "travel", {"travelling", "traveling"});
  ExpectForms(En(), "cancel", {"cancelled", "canceled"});
  ExpectForms(En(), "signal", {"signalled", "signaled"});
  ExpectForms(En(), "panic", {"panicked", "panicking"});
}

TEST(MorphologyEnglishVerbs, Irregular) {
  EXPECT_EQ(Features(En(), "withdraw", "withdrew"), kPast);
  EXPECT_EQ(Features(En(), "withdraw", "withdrawn"), kParticiple);
  ExpectForms(En(), "withdraw", {"withdraws", "withdrawing"});
  EXPECT_EQ(Features(En(), "put", "put"),
            kInfinitive | kPresent | kImperative | kPast | kParticiple);
  ExpectForms(En(), "burn", {"burnt", "burned"});
  ExpectForms(En(), "meet", {"met", "meets", "meeting"});
  ExpectForms(En(), "begin", {"began", "begun", "beginning"});
  ExpectForms(En(), "undertake", {"undertook", "undertaken", "undertaking"});
  ExpectForms(En(), "overthrow", {"overthrew", "overthrown"});
  ExpectForms(En(), "withhold", {"withheld"});
  ExpectForms(En(), "uphold", {"upheld"});
  ExpectForms(En(), "foresee", {"foresaw", "foreseen"});
  ExpectForms(En(), "mislead", {"misled"});
  ExpectForms(En(), "overcome", {"overcame", "overcome"});
  ExpectForms(En(), "undergo", {"underwent", "undergone", "undergoes"});
  ExpectForms(En(), "upset", {"upset", "upsetting"});
  ExpectForms(En(), "forget", {"forgot", "forgotten", "forgetting"});
  ExpectForms(En(), "go", {"went", "gone", "goes", "going"});
  ExpectForms(En(), "lie", {"lay", "lain", "lied", "lying"});
  // be and have.
  EXPECT_EQ(Features(En(), "be", "be"), kInfinitive | kImperative);
  EXPECT_EQ(Features(En(), "be", "is"), kPresent);
  EXPECT_EQ(Features(En(), "be", "are"), kPresent);
  EXPECT_EQ(Features(En(), "be", "were"), kPast);
  EXPECT_EQ(Features(En(), "be", "been"), kParticiple);
  EXPECT_EQ(Features(En(), "be", "being"), kGerund);
  ExpectNoForms(En(), "be", {"bes", "bed"});
  ExpectForms(En(), "have", {"has", "had", "having"});
  ExpectNoForms(En(), "have", {"haves"});
  // Prefixed irregulars not in the table.
  ExpectForms(En(), "outfight", {"outfought"});
  ExpectForms(En(), "overbuild", {"overbuilt"});
  // Several words.
  ExpectForms(En(), "carry out", {"carried out", "carries out", "carrying out"});
}

// ---------------------------------------------------------------------------
// Nouns
// ---------------------------------------------------------------------------

TEST(MorphologyItalianNouns, Rules) {
  auto is = [](std::string_view w, std::vector<std::string> expected) {
    EXPECT_EQ(It().NounForms(w), expected) << w;
  };
  is("accordo", {"accordo", "accordi", "accorda", "accorde"});
  is("visita", {"visita", "visite"});
  is("presidente", {"presidente", "presidenti"});
  is("nazione", {"nazione", "nazioni"});
  is("città", {"città"});
  is("crisi", {"crisi"});
  is("film", {"film"});
  is("specie", {"specie"});
  is("re", {"re"});
  is("politico", {"politico", "politichi", "politici", "politica", "politiche"});
  is("parco", {"parco", "parchi", "parci", "parca", "parche"});
  is("dialogo", {"dialogo", "dialoghi", "dialoga", "dialoghe"});
  is("luogo", {"luogo", "luoghi", "luoga", "luoghe"});
  is("psicologo", {"psicologo", "psicologhi", "psicologi", "psicologa", "psicologhe"});
  is("politica", {"politica", "politiche"});
  is("giornalista", {"giornalista", "giornalisti", "giornaliste"});
  is("omicida", {"omicida", "omicidi", "omicide"});
  is("monarca", {"monarca", "monarchi"});
  is("problema", {"problema", "problemi"});
  is("programma", {"programma", "programmi"});
  is("provincia", {"provincia", "province", "provincie"});
  is("uomo", {"uomo", "uomini"});
  is("mano", {"mano", "mani"});
  EXPECT_TRUE(NounHas(It(), "studio", "studi"));
  EXPECT_TRUE(NounHas(It(), "rinvio", "rinvii"));
  EXPECT_TRUE(NounHas(It(), "russo", "russa"));
  EXPECT_TRUE(NounHas(It(), "russo", "russe"));
  EXPECT_TRUE(NounHas(It(), "bacio", "baci"));
  EXPECT_FALSE(NounHas(It(), "bacio", "bacii"));
  EXPECT_TRUE(NounHas(It(), "grigio", "grigie"));
  EXPECT_TRUE(NounHas(It(), "Accordo", "accordi"));
  EXPECT_EQ(It().NounForms("colpo di stato"), std::vector<std::string>{"colpo di stato"});
  EXPECT_TRUE(It().NounForms("").empty());
}

TEST(MorphologyEnglishNouns, Rules) {
  auto is = [](std::string_view w, std::vector<std::string> expected) {
    EXPECT_EQ(En().NounForms(w), expected) << w;
  };
  is("agreement", {"agreement", "agreements"});
  is("visit", {"visit", "visits"});
  is("crash", {"crash", "crashes"});
  is("process", {"process", "processes"});
  is("tax", {"tax", "taxes"});
  is("ally", {"ally", "allies"});
  is("attorney", {"attorney", "attorneys"});
  is("man", {"man", "men"});
  is("woman", {"woman", "women"});
  is("spokesman", {"spokesman", "spokesmen"});
  is("human", {"human", "humans"});
  is("child", {"child", "children"});
  is("person", {"person", "people", "persons"});
  is("crisis", {"crisis", "crises"});
  is("analysis", {"analysis", "analyses"});
  is("embargo", {"embargo", "embargoes", "embargos"});
  is("sheep", {"sheep"});
  is("talks", {"talks"});
  is("sanctions", {"sanctions"});
  is("series", {"series"});
  is("news", {"news"});
  is("status", {"status", "statuses"});
}

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

class MorphologyLoad : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("cronista_morph_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "it");
    fs::create_directories(dir_ / "en");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& rel, const std::string& text) { std::ofstream(dir_ / rel) << text; }
  std::string dir() const { return dir_.string(); }

 private:
  fs::path dir_;
};

TEST_F(MorphologyLoad, MalformedItalianNamesFileAndLine) {
  Write("it/verbs.txt", "# comment\nprendere past=presi pp=preso\nvedere prs=vedo\n");
  auto m = Morphology::Load(dir(), "it");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(m.status().message().find("it/verbs.txt:3:"), std::string::npos)
      << m.status().message();
  EXPECT_NE(m.status().message().find("prs"), std::string::npos) << m.status().message();
}

TEST_F(MorphologyLoad, MalformedItalianCases) {
  const char* bad[] = {
      "venire pres=vengo,vieni\n",               // 2 persons
      "porre past=posi\n",                       // -rre without like= or =base
      "accordo pp=x\n",                          // not an infinitive
      "ottenere =tenere\n",                      // base not in the file
      "prendere past=presa\n",                   // strong past not in -i
      "prendere pp=preso\nprendere pp=preso\n",  // duplicate
      "-porre\n",                                // ending without base
      "finire flag\n",                           // unknown flag
      "tenere pres=tengo,tieni,tiene,teniamo,tenete,tengono\nsciogliere =tenere\n",  // no ending
      "fare =rifare\nrifare =fare\n",                                                // cycle
      "cadere pp=can\xCC\x83uto\n",  // combining tilde: not NFC
  };
  for (const char* text : bad) {
    Write("it/verbs.txt", text);
    auto m = Morphology::Load(dir(), "it");
    EXPECT_FALSE(m.ok()) << text;
    if (!m.ok()) {
      EXPECT_NE(m.status().message().find("verbs.txt:"), std::string::npos) << m.status().message();
    }
  }
}

TEST_F(MorphologyLoad, MalformedEnglishNamesFileAndLine) {
  Write("en/verbs.txt", "take took taken\n\ngo went\n");
  auto m = Morphology::Load(dir(), "en");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("en/verbs.txt:3:"), std::string::npos)
      << m.status().message();
  Write("en/verbs.txt", "commit doubled\n");
  m = Morphology::Load(dir(), "en");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.status().message().find("en/verbs.txt:1:"), std::string::npos)
      << m.status().message();
}

TEST_F(MorphologyLoad, SmallTableWorks) {
  Write("it/verbs.txt",
        "tenere pres=tengo,tieni,tiene,teniamo,tenete,tengono past=tenni fut=terr\n"
        "-tenere =tenere\n");
  auto m = Morphology::Load(dir(), "it");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_TRUE(Has(*m, "ottenere", "otterrà"));
  EXPECT_EQ(m->lang(), "it");
}

TEST_F(MorphologyLoad, MissingFileForRuleLanguageFails) {
  auto m = Morphology::Load(dir(), "it");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kNotFound);
  EXPECT_NE(m.status().message().find("verbs.txt"), std::string::npos);
}

TEST_F(MorphologyLoad, OtherLanguageHasNoRules) {
  auto m = Morphology::Load(dir(), "fr");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->lang(), "fr");
  std::vector<WordForm> f = m->VerbForms("signer");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].form, "signer");
  EXPECT_EQ(f[0].features, kInfinitive);
  EXPECT_EQ(m->NounForms("accord"), std::vector<std::string>{"accord"});
}

TEST(Morphology, CopiesShareTables) {
  Morphology copy = It();
  EXPECT_EQ(copy.lang(), "it");
  EXPECT_TRUE(Has(copy, "firmare", "firmerà"));
}

// VerbForms runs at load time over thousands of lemmas.
TEST(Morphology, Speed) {
  std::vector<std::string> lemmas;
  const char* it_stems[] = {"firm",  "cerc",   "cominci", "studi",  "invi",
                            "accus", "attacc", "condann", "negozi", "incontr"};
  for (int i = 0; i < 150; ++i) {
    for (const char* s : it_stems) lemmas.push_back(std::string(s) + "are");
  }
  const char* it_irr[] = {"proporre", "ottenere", "scegliere", "recarsi",       "definire",
                          "prendere", "essere",   "fare",      "sottoscrivere", "riconoscere"};
  for (int i = 0; i < 150; ++i) {
    for (const char* s : it_irr) lemmas.push_back(s);
  }
  auto start = std::chrono::steady_clock::now();
  size_t n = 0;
  for (const std::string& l : lemmas) n += It().VerbForms(l).size();
  double it_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  start = std::chrono::steady_clock::now();
  for (const std::string& l : lemmas) n += En().VerbForms(l).size();
  double en_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("VerbForms: %zu lemmas: it %.1f ms, en %.1f ms (%zu forms)\n", lemmas.size(), it_ms,
              en_ms, n);
  // Generous bound: sanitizer and debug builds are several times slower.
  EXPECT_LT(it_ms, 1000.0);
}

}  // namespace
}  // namespace cronista
