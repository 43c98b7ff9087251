"""Activities told as what people will do: the clause names the activity by its verb and
object, not by the scheme's noun.

Each entry is a :class:`~.situations.Situation` read by the purpose grammar's word loop
(:class:`~.aims.AimReader`), only in a sentence of the deal's scope:

- a pilot: a place fitted out to show or try a thing ("fitted out as demonstration sites",
  "a model house", "100 rumah contoh", "instalasi percontohan", "ruas jalan percobaan",
  "dikirim ke Delta sebagai percontohan", "uji coba akan dilakukan di satu pabrik");
- a study visit: people who visit plants or clusters, or see them at first hand ("managers
  of clusters visit clusters in Ludhiana", "berkunjung ke kawasan industri halal",
  "peserta melihat langsung sentra IKM");
- help to be certified: someone helped until they obtain a certificate ("the best performers
  will be helped to obtain the certificate", "didampingi hingga memperoleh sertifikat SNI"),
  proposed as certification assistance;
- mutual recognition: each side accepting the other's test results ("saling menerima hasil
  uji", "tidak perlu diuji ulang", "accept each other's test reports");
- business matching: buyers brought to meet suppliers, meetings with importers ("brings
  Korean buyers to Indonesia to meet local suppliers", "online meetings with importers",
  "bertemu dengan pembeli");
- a study that maps a supply chain ("tim gabungan memetakan pasokan dan permintaan",
  "menyusun peta rantai pasok komponen", "map the supply chain of …", "kajian rantai pasok
  beras"): joint research;
- plants' energy use audited ("mengaudit penggunaan energi di 20 pabrik"): energy audits;
- firms given a stand at a fair or sent to one ("a stand for twenty firms at a trade fair",
  "misi dagang ke pameran mebel"): trade promotion;
- courses or workshops held somewhere for people ("workshops in Bandung for some 200
  makers"): training.

Mutual recognition counts in any sentence not of the background (it is told as the purpose
of an arrangement as often as its scope); the others only in the deal's scope.
"""

from __future__ import annotations

import re

from .portfolios import each
from .situations import Situation

_PILOT_EN = each("demonstration pilot model showcase trial")
_PILOT_ID = each(
    "rumah pabrik kebun bengkel lokasi sentra gedung instalasi lini ruas jalan lahan kapal "
    "desa tungku sebagai uji"
)
PILOT = re.compile(
    r"(?i)(?:demonstration|pilot|model|showcase|trial)\s+(?:sites?|factory|factories|farms?|"
    r"houses?|homes?|mills?|workshops?|plants?|lines?|plots?|roads?|sections?|kilns?|boats?|"
    r"units?)\b|"
    r"(?:rumah|pabrik|kebun|bengkel|lokasi|sentra|gedung|instalasi|lini|ruas|jalan|lahan|kapal|"
    r"desa|tungku)(?:-\w+)?\s+(?:contoh|percontohan|percobaan|uji\s+coba)\b|"
    r"sebagai\s+(?:proyek\s+|unit\s+)?percontohan\b|"
    r"uji\s+coba\s+(?:akan\s+)?(?:dilakukan|digelar|dijalankan|dilaksanakan)\s+di\b"
)
"""A place fitted out to show or to try a thing: a pilot project."""

_VISIT = each("visit visits visiting tour tours touring melihat berkunjung mengunjungi")
VISIT = re.compile(
    r"(?i)(?:visit|visits|visiting|tour|tours|touring)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:clusters?|factories|plants|mills|workshops|farms|estates|zones|sentra)\b|"
    r"melihat\s+langsung\b|"
    r"(?:berkunjung\s+ke|mengunjungi)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:sentra|pabrik|kawasan|bengkel|klaster|kebun|pusat)\b"
)
"""People who visit plants, clusters or estates, or see them at first hand: study visits."""

_HELPED = each(
    "didampingi dibantu mendampingi membantu help helped helps helping assist assists assisted "
    "support supports"
)
CERTIFIED = re.compile(
    r"(?i)(?:didampingi|dibantu|mendampingi|membantu|help|helped|helps|helping|assist|assists|"
    r"assisted|support|supports)\b[^.;:!?]{0,60}?\b(?:memperoleh|mendapatkan|mendapat|meraih|"
    r"mengurus|obtain|obtaining|get|getting|reach|earn|meet|gain|achieve)\b[^.;:!?]{0,40}?"
    r"(?:sertifikat|sertifikasi|certificat)\w*"
)
"""Someone helped until they obtain a certificate: certification assistance."""

_MUTUAL = each("saling tidak tak accept accepts recognise recognises recognize recognizes")
MUTUAL = re.compile(
    r"(?i)saling\s+(?:menerima|mengakui)\s+(?:hasil|sertifikat|laporan)|"
    r"(?:tidak|tak)\s+perlu\s+(?:lagi\s+)?diuji\s+ulang\b|"
    r"(?:accept|accepts|recogni[sz]e|recogni[sz]es)\s+(?:each\s+other|one\s+another)['’]s\s+"
    r"(?:test|testing|certificates?|results|reports|inspections?)"
)
"""Each side accepting the other's tests or certificates: mutual recognition, a part of
standardisation and certification."""

_MEET = each("bring brings bringing invite invites inviting meetings meeting talks bertemu")
MEET_BUYERS = re.compile(
    r"(?i)(?:bring|brings|bringing|invite|invites|inviting)\b[^.;:!?]{0,50}?\b(?:buyers|"
    r"importers|retailers|distributors)\b[^.;:!?]{0,50}?\bto\s+meet\b|"
    r"(?:meetings?|talks)\s+with\s+(?:[\w'’-]+\s+){0,3}?(?:importers|buyers|retailers|"
    r"distributors)\b|"
    r"bertemu\s+(?:langsung\s+)?(?:dengan\s+)?(?:[\w-]+\s+){0,2}?(?:pembeli|importir|peritel|"
    r"distributor)\b"
)
"""Buyers brought to meet makers, or meetings with importers: business matching."""

_MAP = each(
    "memetakan map maps mapping peta kajian studi study studies survey survei analisis analysis"
)
MAP_CHAIN = re.compile(
    r"(?i)(?:memetakan|map|maps|mapping)\s+(?:[\w-]+\s+){0,3}?(?:rantai\s+pasok\w*|"
    r"supply\s+chains?|value\s+chains?|pasokan)\b|"
    r"(?:kajian|studi|study|studies|survey|survei|analisis|analysis)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:rantai\s+pasok\w*|supply\s+chains?|value\s+chains?)\b|"
    r"(?:peta|map)\s+(?:of\s+)?(?:the\s+)?(?:rantai\s+pasok\w*|supply\s+chains?|"
    r"value\s+chains?)\b"
)
"""A study that maps a supply chain, or a study of one ("kajian rantai pasok beras", "a joint
study of the aluminium value chain"): joint research."""

_FAIR = each(
    "stand stands booth booths pavilion pavilions stan paviliun exhibitor exhibitors misi "
    "delegasi rombongan"
)
AT_FAIR = re.compile(
    r"(?i)(?:stands?|booths?|pavilions?|stan|paviliun)\s+(?:for\s+[^.;:!?]{0,50}?\s+)?"
    r"(?:at|in|pada|di)\s+[^.;:!?]{0,50}?\b(?:fairs?|expos?|exhibitions?|trade\s+shows?|"
    r"pameran)\b|"
    r"exhibitors?\b[^.;:!?]{0,60}?\b(?:fairs?|expos?|exhibitions?|trade\s+shows?)\b|"
    r"(?:misi\s+dagang|delegasi|rombongan)\b[^.;:!?]{0,60}?\bke\s+pameran\b"
)
"""Firms given a stand or space at a fair, or sent to one ("a stand for twenty firms at a
trade fair in Tokyo", "exhibitors will be given space at the furnishings fair", "misi dagang
produsen mebel ke pameran mebel di Poznań"): trade fair participation, a part of trade
promotion."""

_COURSE = each("course courses workshop workshops kursus lokakarya clinic clinics klinik")
COURSES_FOR = re.compile(
    r"(?i)(?:courses?|workshops?|kursus|lokakarya|clinics?|klinik)\s+(?:in|at|di|on|tentang|"
    r"about)\s[^.;:!?]{0,60}?\b(?:for|bagi|untuk)\s+(?:some\s+|around\s+|about\s+|sekitar\s+|"
    r"up\s+to\s+)?(?:\d[\d,.]*|(?:[\w-]+\s+){0,3}?(?:officials|engineers|technicians|workers|"
    r"makers|firms|managers|staff|operators|farmers|teachers|lecturers|pejabat|teknisi|pekerja|"
    r"perajin|operator|pengelola|petani|guru|dosen))\b"
)
"""Courses or workshops held somewhere for people ("courses in Jakarta and online for around
sixty officials", "workshops in Bandung and Solo for some 200 makers", "lokakarya di Medan
bagi 50 operator"): training, the place or subject set between the course and its trainees
("workshops for" alone is a phrase of aims.tsv)."""

_AUDIT = each("audit audits auditing mengaudit")
AUDIT_ENERGY = re.compile(
    r"(?i)(?:audit|audits|auditing|mengaudit)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:energy|energi|penggunaan\s+energi|konsumsi\s+energi|pemakaian\s+energi)\b"
)
"""Plants' energy use audited ("mengaudit penggunaan energi di 20 pabrik", "audit the energy
use of mills"): energy audits."""

DEEDS: tuple[Situation, ...] = (
    Situation(
        "pilot",
        PILOT,
        (*_PILOT_EN, *_PILOT_ID),
        "activities",
        "joint-technical-projects",
        True,
        "joint technical projects",
        True,
    ),
    Situation(
        "visit", VISIT, _VISIT, "activities", "knowledge-sharing", True, "knowledge sharing", True
    ),
    Situation(
        "certified",
        CERTIFIED,
        _HELPED,
        "activities",
        "certification-assistance",
        False,
        "certification assistance",
        True,
    ),
    Situation(
        "mutual",
        MUTUAL,
        _MUTUAL,
        "activities",
        "standards-and-certification",
        True,
        "standardisation and certification",
        False,  # told as the purpose of the arrangement as often ("agar … tidak perlu diuji ulang")
    ),
    Situation(
        "meet-buyers",
        MEET_BUYERS,
        _MEET,
        "activities",
        "business-matching",
        True,
        "business matching",
        True,
    ),
    Situation(
        "map-chain", MAP_CHAIN, _MAP, "activities", "joint-research", True, "joint research", True
    ),
    Situation(
        "at-fair", AT_FAIR, _FAIR, "activities", "trade-promotion", False, "trade promotion", True
    ),
    Situation(
        "courses-for", COURSES_FOR, _COURSE, "activities", "training", True, "training", True
    ),
    Situation(
        "audit-energy",
        AUDIT_ENERGY,
        _AUDIT,
        "activities",
        "energy-audits",
        False,
        "energy audits",
        True,
    ),
)
"""The clauses of doing, each with the concept it states; scoped: only the deal's scope."""
