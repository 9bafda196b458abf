import { windowAfter, windowBefore } from './text';

// Cues read around a person mention in the folded text (see foldAligned): lower case, no diacritics, ’ → '.

const ORDINAL = String.raw`(?:(?:1er|1ere|premier|premiere|\d+(?:e|eme|ieme)|deuxieme|troisieme|quatrieme|cinquieme|sixieme|septieme|huitieme)\s+)?`;
/** What a person acts as, by the words that name their function. */
export type Role = 'elected' | 'agent' | 'professional';
const ROLES: Readonly<Record<Role, string>> = {
  elected: String.raw`(?:maire(?:-adjointe?)?|adjointe?s?(?!\s+(?:techniques?|administratifs?|administratives?|d'animation|du patrimoine|territori))|conseill(?:er|ere)s?(?:\s+(?:municipale?|municipaux|communautaires?|departementale?|departementaux|regionale?|regionaux|deleguee?s?))?|(?:vice-)?presidente?|deleguee?|elue?|deputee?|senat(?:eur|rice)|secretaire de seance|rapporteure?|membre (?:du conseil|suivant|de la commission|du bureau))`,
  agent: String.raw`(?:secretaire(?: de mairie| generale?)?|directeur|directrice|dgs|dga|dst|responsable|cheffe?|agent|attachee?|redact(?:eur|rice)|adjointe? (?:technique|administratif|administrative|d'animation|du patrimoine)|collaborat(?:eur|rice)|chargee? de mission|tresori(?:er|ere)|receveur|comptable public|policier municipal|garde champetre|atsem|animat(?:eur|rice)|educat(?:eur|rice)|prefete?|sous-prefete?)`,
  professional: String.raw`(?:technicienne?|ingenieure?|architecte|geometre(?:-expert)?|notaire|avocate?|huissier|commissaire(?:-| )enqueteur|consultante?|experte?|mandatee? par|gerante?|dirigeante?|exploitante?(?: agricole)?|artisan|entrepreneur)`,
};
const ROLE_KINDS = Object.keys(ROLES) as Role[];

const roleAfter = (role: string): RegExp =>
  new RegExp(
    String.raw`^\s*(?:[,(:–-]\s*)?(?:(?:decedee?|disparue?)\s+le\s+[^,]{1,30},\s*)?(?:(?:est|a ete)\s+(?:designee?|nommee?|reelue?|elue?|installee?)\s+(?:comme\s+|en qualite de\s+)?)?(?:le |la |l'|en qualite d'|en qualite de )?${ORDINAL}${role}(?![a-z])`,
  );
/** A public body acting through the person: "la commune, représentée par M. X". */
const PUBLIC_BODY_REPRESENTED = String.raw`(?:commune|ville|departement|region|etat|syndicat|communaute|collectivite|ccas|agglomeration|metropole|etablissement public)[^.;]{0,40}?representee?\s+par`;
const roleBefore = (role: string): RegExp =>
  new RegExp(String.raw`(?:^|[^a-z])(?:le |la |l'|son |sa |notre |votre )?${ORDINAL}${role}(?:\s+(?:de|du|des|d'|au|aux|a la|de la|de l')\s*[^,:;.\n()]{0,50})?\s*[,:(–-]?\s*\n?\s*$`);
const ROLE_AFTER = ROLE_KINDS.map((kind) => ({ kind, re: roleAfter(ROLES[kind]) }));
const ROLE_BEFORE = ROLE_KINDS.map((kind) => ({ kind, re: roleBefore(ROLES[kind]) }));
const PRESIDING_BEFORE = new RegExp(String.raw`(?:^|[^a-z])(?:${PUBLIC_BODY_REPRESENTED}(?:\s+son maire)?|sous la presidence d[eu](?:\s+son maire)?|presidee? par)\s*\n?\s*$`);
const MANDATE_AFTER = /^[^.;]{0,80}?(?:demission\w*|demissionner)\s+(?:du|de son|de ses|de sa)\s+(?:conseil|mandat|fonctions?|poste|delegation)/;

/** The function the words right before or after the name give the person, if any. */
export function roleCue(folded: string, nameStart: number, nameEnd: number): Role | undefined {
  const represents = windowBefore(folded, nameStart, 100, /[.;!?](?:\s|$)/);
  if (REPRESENTED_BEFORE.test(represents) && BUSINESS_ANYWHERE.test(represents) && !PRIVATE_BODY.test(represents)) return 'professional';
  const after = windowAfter(folded, nameEnd, 120);
  for (const { kind, re } of ROLE_AFTER) if (re.test(after)) return kind;
  if (MANDATE_AFTER.test(after)) return 'elected';
  const before = windowBefore(folded, nameStart, 90);
  if (PRESIDING_BEFORE.test(before)) return 'elected';
  for (const { kind, re } of ROLE_BEFORE) if (re.test(before)) return kind;
  return undefined;
}

const HR_MATTER = /(?:^|[^a-z])(?:avancement|promue?|promotion|retraite|mutation|mutee?|titularis\w*|stagiairis\w*|licencie\w*|licenciement|revocation|revoquee?|sanction\w*|disciplin\w*|maladie|disponibilite|detachement|detachee?|temps partiel|reclassement|inaptitude|notation|evaluation|entretiens? (?:professionnels?|annuels?)|remuneration|indemnites?|primes?|nbi|regime indemnitaire|echelon|salaire|traitement indiciaire|accident de service|securite sociale|conge parental|suspension|suspendue?)(?![a-z])/;
const SPEAKS = /^\s*(?:,[^,]{0,60},\s*)?(?:presente|expose|explique|indique|precise|rappelle|repond|informe|demande|souligne|propose|estime|s'interroge)/;

/**
 * An agent named in an individual personnel matter (career, pay, health, discipline) in the
 * same sentence: their name is redacted there, unless they are the one speaking.
 */
export function inPersonnelMatter(folded: string, nameStart: number, nameEnd: number): boolean {
  const sentence = `${windowBefore(folded, nameStart, 200, /[.;!?](?:\s|$)/)} ${windowAfter(folded, nameEnd, 200, /[.;!?](?:\s|$)/)}`;
  return HR_MATTER.test(sentence) && !SPEAKS.test(windowAfter(folded, nameEnd, 80));
}

const PLACE_NOUNS = String.raw`(?:salle|espace|institut|ecole|college|lycee|universite|rue|avenue|boulevard|impasse|allee|place|quai|chemin|route|square|parc|jardin|stade|gymnase|complexe|centre|maison|residence|foyer|mediatheque|bibliotheque|musee|theatre|cinema|hopital|clinique|ehpad|fondation|prix|pont|hameau|lotissement|cite|groupe scolaire|eglise|chapelle|halle|piscine)`;
const BUSINESS_NOUNS = String.raw`(?:sasu|sas|sarl|eurl|sci|scea|earl|gaec|sa|snc|scp|selarl|ei|eirl|entreprise|societe|etablissements|ets|cabinet|garage|exploitation(?: agricole)?|exploitant(?: agricole)?|ferme|taxis?|autocars?|transports?|boulangerie|boucherie|pharmacie|restaurant|creperie|cafe|hotel|camping|association|club|amicale)`;
const BUSINESS_ANYWHERE = new RegExp(BUSINESS_NOUNS);
const PLACE_BEFORE = new RegExp(String.raw`(?:^|[^a-z])${PLACE_NOUNS}(?:\s+(?:de|du|des|d'|la|le|les|l'))*\s*["«“]?\s*$`);
const BUSINESS_BEFORE = new RegExp(String.raw`(?:^|[^a-z])${BUSINESS_NOUNS}(?:\s+(?:de|du|des|d'|la|le|les|l'))*\s*["«“]?\s*$`);

/** What the words right before an uncued name make it part of: a place or a business. */
export function organisationBefore(folded: string, nameStart: number): 'place' | 'business' | undefined {
  const before = windowBefore(folded, nameStart, 40, /\n\s*\n|[.;!?](?:\s|$)/);
  if (BUSINESS_BEFORE.test(before)) return 'business';
  if (PLACE_BEFORE.test(before)) return 'place';
  return undefined;
}

/** A business bearing the person's surname named right after them ("M. X pour « Taxis X »"). */
export function namesOwnBusinessAfter(folded: string, nameEnd: number, surnames: readonly string[]): boolean {
  const after = windowAfter(folded, nameEnd, 80, /\n/);
  if (!BUSINESS_ANYWHERE.test(after)) return false;
  return surnames.some((s) => /^[a-z-]+$/.test(s) && new RegExp(String.raw`${BUSINESS_NOUNS}[^.;]{0,40}?(?<![a-z])${s}(?![a-z])`).test(after));
}

const PUBLIC_BODY_BEFORE = new RegExp(String.raw`${PUBLIC_BODY_REPRESENTED}\s*$`);
const TRANSACTION_BEFORE = new RegExp(
  String.raw`(?:^|[^a-z])(?:(?:vente|vendue?s?|vendre|ceder|cedee?s?|cession|louer|louee?s?|location|bail|concession|attribution|attribuee?s?|accordee?s?|acquisition|acquise?s?|achat|achetee?s?|rembours\w*|verse\w*|paye\w*|regle\w*|subvention|aide)\b(?:(?!parole|demande|repond|indique|propose|precise|explique|informe|remercie|rappelle)[^.;!?])*?\s(?:a|au profit d[eu]|aupres d[eu]|en faveur d[eu]|par)` +
    String.raw`|appartenant\s+a|appartient\s+a|propriete\s+d[eu]|proprietaires?|heritiers?|ayants?[ -]droits?(?:\s+d[eu])?|consorts|succession|indivision|veuve|epoux|epouse|nee|au nom d[eu]|repreneur|acquereurs?|beneficiaires?|locataires?|vendeurs?|riverains?|fermages?(?:\s+\d{4})?|demandeurs?|requerants?|administree?s?|petitionnaires?|habitante?s?)\s*[:(,]?\s*$`,
);
const PRIVATE_AFTER =
  /^\s*[,(]?\s*(?:riverains?|administree?s?|petitionnaires?|demeurant|domicilie|residant|habitante?s? (?:de|du|a|au)|(?:ne|nee|nes|nees)(?:\s*\(e\))?\s+(?:le|a|en)\b|sont proprietaires|est proprietaire|proprietaires?\b|ont fait part|a fait part|acquereurs?|beneficiaires?|locataires?|joignable|tel\b|telephone|portable|courriel|e-mail|iban|rib\b|agee? de)/;
// "la SCI X, représentée par M. Y": a family's property company; a business's representative acts as a professional.
const REPRESENTED_BEFORE = /(?:representee?s?|geree?s?|exploitee?s?)\s+par\s*$/;
const PRIVATE_BODY = /(?:^|[^a-z])(?:sci|societe civile|indivision|succession|copropriete|gfa|groupement foncier)(?![a-z])/;
const PRIVATE_HINT_BEFORE = /(?:^|[^a-z])(?:lettre|courrier|demande|requete|plainte|reclamation|signalement|dossier|courriel|voisins?|a savoir,?)\s*(?:de|d'|du)?\s*$/;

/**
 * How the words around a mention make it a private party: 'strong' for a transaction, a
 * property or civil-status phrase (redact even an official's name there), 'weak' for a hint.
 */
export function privateCue(folded: string, nameStart: number, nameEnd: number): 'strong' | 'weak' | undefined {
  const before = windowBefore(folded, nameStart, 100, /[.;!?](?:\s|$)/);
  if (PUBLIC_BODY_BEFORE.test(before)) return undefined;
  if (REPRESENTED_BEFORE.test(before)) return PRIVATE_BODY.test(before) ? 'strong' : BUSINESS_ANYWHERE.test(before) ? undefined : 'weak';
  if (TRANSACTION_BEFORE.test(before)) return 'strong';
  if (PRIVATE_AFTER.test(windowAfter(folded, nameEnd, 60))) return 'strong';
  if (PRIVATE_HINT_BEFORE.test(before)) return 'weak';
  return undefined;
}
