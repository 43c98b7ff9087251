"""Activity words named in passing: the words of an activity that state none of the deal's.

An activity's words in a sentence of the deal's scope still name no activity when the
grammar around them gives them another part:

- a place or an affiliation: a polytechnic where people are trained or whose lecturers
  attend ("courses at the Bandung textile polytechnic", "dilatih di Politeknik …", "dosen
  politeknik", "polytechnic lecturers") is where training happens, not vocational education
  the deal sets up (the training itself is read from its own verb);
- a company's contract: "kontrak pasokan", "a contract … for the supply of", "a supply
  contract" are one firm's sale, told beside the governments' deal;
- the state of a market: "gangguan pasokan", "supply disruptions", "pasokan dan permintaan",
  "supply and demand" say what supply is like, not a supply partnership;
- a rule someone must meet: "to meet the EU's deforestation regulation", "menghadapi regulasi
  antideforestasi" is a constraint, and "technical regulations" are the standards' field;
  neither is industrial policy worked on together;
- a post's field ("Undersecretary for industry development and trade policy", "a
  trade-policy officer"): the official's portfolio;
- an appositive that says what a named thing is ("CCID, a research institute under the
  ministry", "…, a polytechnic run by the ministry"): a description of a body;
- a sentence whose subject is a company signing its own contract ("PT … meneken perjanjian
  lisensi teknologi"): the firm's deal beside the governments'.

:func:`names_no_activity` is asked for each activity mention with the sentence's words
before it (at most :data:`BEFORE` characters) and after it.
"""

from __future__ import annotations

import re

BEFORE = 60
"""How many characters before a mention the caller gives (the sentence's, at most)."""

_POLYTECHNIC = re.compile(r"(?i)(?:polytechnics?|politeknik)$")
"""A mention that is a polytechnic's name or noun."""
_AT_PLACE = re.compile(
    r"(?i)(?:^|\s)(?:at|in|from|to|di|ke|dari)\s+"
    r"(?!(?:build|building|set|setting|establish|establishing|new|membangun|mendirikan|"
    r"pembangunan|pendirian)\b)"
    r"(?:[\w'’-]+\s+){0,4}$"
)
"""A locative or source before a polytechnic, with at most four words of its name between
("at the Bandung textile polytechnic", "from its textile polytechnic", "di Politeknik");
building one is the activity ("in building polytechnics")."""
_ITS_PEOPLE_BEFORE = re.compile(
    r"(?i)(?:^|\s)(?:dosen|mahasiswa|instruktur|pengajar|guru|staf|pegawai)\s+$"
)
_ITS_PEOPLE_AFTER = re.compile(
    r"(?i)\s+(?:lecturers?|students?|instructors?|teachers?|staff|trainers?)\b"
)
"""People of a polytechnic: its lecturers and students are the trainees, it is their
affiliation ("dosen politeknik", "polytechnic lecturers")."""

_SUPPLY = ("raw-material-supply",)
_CONTRACT_BEFORE = re.compile(
    r"(?i)(?:\bkontrak\s+|\bcontracts?\b[^.;:]{0,60}?\bfor\s+(?:the\s+)?)$"
)
_CONTRACT_AFTER = re.compile(r"(?i)\s+(?:contracts?|deals?)\b")
"""A company's contract of sale: "kontrak pasokan", "a contract with an importer for the
supply of", "a supply contract"."""
_MARKET_BEFORE = re.compile(
    r"(?i)(?:\bgangguan|\bterganggunya|\bkelangkaan|\bdisruptions?\s+(?:to|of|in)(?:\s+the)?|"
    r"\bshortages?\s+(?:of|in)(?:\s+the)?)\s+$"
)
_MARKET_AFTER = re.compile(
    r"(?i)\s+(?:dan\s+permintaan|and\s+demand|disruptions?|shocks?|shortages?|gaps?|"
    r"terganggu|tersendat)\b"
)
"""Supply as the state of a market: "gangguan pasokan", "supply disruptions", "pasokan dan
permintaan", "supply and demand"."""

_POLICY = ("policy-and-regulation",)
_MEET_RULE = re.compile(
    r"(?i)(?:^|\s)(?:meet|meets|meeting|comply\s+with|complying\s+with|complies\s+with|"
    r"satisfy|memenuhi|mematuhi|menghadapi|menjawab|sesuai\s+dengan|sesuai)\s+"
    r"(?:[\w'’-]+\s+){0,4}$"
)
"""A rule as the object of meeting or facing it ("to meet the European Union's deforestation
regulation", "menghadapi regulasi antideforestasi Uni Eropa")."""
_TECHNICAL = re.compile(r"(?i)(?:technical|teknis)$")
_TECHNICAL_BEFORE = re.compile(r"(?i)\btechnical\s+$")
_TECHNICAL_AFTER = re.compile(r"(?i)\s+teknis\b")
"""Technical regulations: the standards' field ("exchange information on new technical
regulations", "regulasi teknis")."""
_POST = re.compile(
    r"(?i)\b(?:director|deputy|undersecretary|under-secretary|secretary|minister|head|"
    r"direktur|deputi|menteri|kepala)\s+(?:general\s+)?(?:for|of|bidang|untuk)\s+"
    r"(?:[\w,-]+\s+){0,5}$"
)
_POST_AFTER = re.compile(r"(?i)(?:-|\s+)(?:officers?|officials?|advisers?|analysts?)\b")
"""A post's field: "Undersecretary for industry development and trade policy", "a
trade-policy officer"."""

_APPOSITIVE = re.compile(
    r"(?:(?<=\S\s)(?!(?:First|Second|Third|Fourth|Fifth|Finally|Lastly|Also|However|"
    r"Meanwhile|Besides|Pertama|Kedua|Ketiga|Keempat|Kelima|Selain|Namun)\b)[A-Z][\w'’.-]*|"
    r"\)),\s+(?:a|an|sebuah|suatu)\s+(?:[\w'’-]+\s+){0,2}$"
)
"""An appositive with an indefinite article after a name (a capitalised word or a bracket
closing one): it says what the named thing is ("CCID, a research institute under the
ministry", "Politeknik Industri Logam Morowali, a polytechnic run by the ministry"); after
a phrase of time or place ("within six months, a joint study") or a word counting items out
("Second, an exchange of experts") it is none."""


_FIRM_SIGNS = re.compile(
    r"(?:[^.;:!?]{0,60},\s+)?(?:(?:PT|CV)\s+[A-Z]|perusahaan\b|"
    r"[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,4}\s+(?:Ltd|Inc|GmbH|Tbk|Corp)\b|"
    r"(?:[Aa]n?|[Tt]he|[Ss]ebuah)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|maker|manufacturer|"
    r"producer|trader|exporter|importer|supplier)\b)[^.;!?]{0,120}?\b(?:signed|signs|"
    r"menandatangani|meneken|mengumumkan|announced|agreed\s+to\s+(?:buy|sell|supply))\b"
)
"""A sentence whose subject is a company signing or announcing its own contract ("On the same
day, PT Sinar Jaya signed a licence …", "Di sela kunjungan, PT Bahari meneken …"): the firm's
deal told beside the governments', whose words are no activity of theirs."""


def names_no_activity(ref: str, mention: str, before: str, after: str, sentence: str = "") -> bool:
    """Whether the activity *ref*'s words *mention*, between *before* and *after* (the
    sentence's words each side), name no activity of the deal (see the module's doc);
    *sentence*: the whole sentence, read for a company signing its own contract."""
    if _APPOSITIVE.search(before) or (sentence and _FIRM_SIGNS.match(sentence)):
        return True
    if _POLYTECHNIC.search(mention):
        return bool(
            _AT_PLACE.search(before)
            or _ITS_PEOPLE_BEFORE.search(before)
            or _ITS_PEOPLE_AFTER.match(after)
        )
    if ref in _SUPPLY:
        return bool(
            _CONTRACT_BEFORE.search(before)
            or _CONTRACT_AFTER.match(after)
            or _MARKET_BEFORE.search(before)
            or _MARKET_AFTER.match(after)
        )
    if ref in _POLICY:
        return bool(
            _MEET_RULE.search(before)
            or _TECHNICAL.search(mention)
            or _TECHNICAL_BEFORE.search(before)
            or _TECHNICAL_AFTER.match(after)
            or _POST.search(before)
            or _POST_AFTER.match(after)
        )
    return False
