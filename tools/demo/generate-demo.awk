# Generates the demo SWV PO 22.03 (docs/dashboard.md, "The demo SWV"): a mid-size SWV of about
# 30,000 pupils with a year of TLVs, arrangements, OPDC placements, thuiszitters, exemptions and
# monitorkinderen, and the office's figures. Every name and number is invented; municipality codes
# are real CBS codes of the region. Deterministic: a fixed seed and its own random generator
# (Park-Miller, exact in the doubles of any awk), dates counted back from `today`. Plain POSIX awk
# (mawk, Debian's default, and gawk), read by tools/demo/load-demo.sh.
#
#   awk -v today=YYYY-MM-DD -v out=DIR -f generate-demo.awk
#
# Writes into DIR:
#   boards.json, wijken.json, schools.json   the directory batches
#   counts.json                              the pupil counts on the count date (one row a school)
#   config.json                              the year configuration of this year
#   records.tsv    PHASE KEY GUARD METHOD PATH IDEMPOTENCY-KEY BODY, one request a line:
#                  phase 1 creates a record (KEY names it); later phases act on records, PATH and
#                  BODY naming them as {KEY}; GUARD lists the states (status, +ext when extended,
#                  +plan with a plan) in which the step is still to be done, "*" for always
#   accounts.tsv   BOARD RECEIVED-ON BASIS-CENTS EXTRA-CENTS: last year's spending accounts
#   measurements.tsv  GOAL LEVEL LEVEL-ID VALUE-E4: the figures the office reports ("-": SWV level)
#   facts.txt      KEY VALUE: sizes, for the loader's summary and the tests
function rnd() { seed = (16807 * seed) % 2147483647; return seed / 2147483647 }
function randint(a, b) { return a + int(rnd() * (b - a + 1)) }
function pick(list,    n, parts) { n = split(list, parts, "|"); return parts[randint(1, n)] }
function days(date,    y, m, d, era, yoe, doy) {  # civil date -> days since 1970-01-01
  y = substr(date, 1, 4) + 0; m = substr(date, 6, 2) + 0; d = substr(date, 9, 2) + 0
  if (m <= 2) y--
  era = int(y / 400); yoe = y - era * 400
  doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
  return era * 146097 + yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy - 719468
}
function date(z,    era, doe, yoe, y, doy, mp, d, m) {  # days since 1970-01-01 -> civil date
  z += 719468; era = int(z / 146097); doe = z - era * 146097
  yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
  y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
  mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
  m = mp < 10 ? mp + 3 : mp - 9
  if (m <= 2) y++
  return sprintf("%04d-%02d-%02d", y, m, d)
}
function q(s) { return "\"" s "\"" }
function rec(phase, key, guard, method, path, idem, body) {
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", phase, key, guard, method, path, idem, body > records
}
function add_school(code, name, board, wijk, muni, kind, inside, pupils) {
  nschools++
  s_code[nschools] = code; s_name[nschools] = name; s_board[nschools] = board
  s_wijk[nschools] = wijk; s_muni[nschools] = muni; s_kind[nschools] = kind
  s_inside[nschools] = inside; s_pupils[nschools] = pupils
  if (kind == "REGULAR") {
    nregular++; regular[nregular] = nschools; total_regular += pupils
    cum[nregular] = total_regular
  }
  code_of_wijk_school[wijk, kind] = code
  return nschools
}
function any_regular(    r, lo, hi, mid) {  # a regular school, chosen in proportion to its pupils
  r = rnd() * total_regular; lo = 1; hi = nregular
  while (lo < hi) { mid = int((lo + hi) / 2); if (cum[mid] < r) lo = mid + 1; else hi = mid }
  return regular[lo]
}
function so_counts(i, cat1, cat2, cat3) { s_so1[i] = cat1; s_so2[i] = cat2; s_so3[i] = cat3 }

BEGIN {
  if (today !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ || out == "") {
    print "generate-demo.awk: usage: awk -v today=YYYY-MM-DD -v out=DIR -f generate-demo.awk" > "/dev/stderr"
    exit 2
  }
  seed = 22032026
  T = days(today); year = substr(today, 1, 4) + 0
  records = out "/records.tsv"
  printf "" > records

  # ---- the directory: 8 boards, 5 municipal networks (wijken), 135 locations -------------------
  nb = split("41234|41235|41236|41237|41238|41239|41240|41241", boards, "|")
  split("Stichting Primair Onderwijs Meppel (demo)|Stichting Scholen Hoogeveen (demo)|" \
        "Stichting Openbaar Onderwijs Westerveld (demo)|Christelijk Onderwijs Zuidwest-Drenthe (demo)|" \
        "Katholiek Onderwijs Drenthe (demo)|Stichting Speciaal Onderwijs Drenthe (demo)|" \
        "Scholengroep Midden-Drenthe (demo)|Vereniging Vrije School Meppel (demo)", board_names, "|")
  nw = split("MEPPEL|HOOGEVEEN|DE-WOLDEN|WESTERVELD|MIDDEN-DRENTHE", wijken, "|")
  split("Netwerk Meppel|Netwerk Hoogeveen|Netwerk De Wolden|Netwerk Westerveld|Netwerk Midden-Drenthe", wijk_names, "|")
  split("GM0119|GM0118|GM1690|GM1701|GM1731", wijk_munis, "|")
  split("26|34|20|18|27", wijk_sizes, "|")          # regular schools per network: 125
  # The networks' own boards (the first is the penvoerder) and the villages of their schools.
  split("41234 41237 41241|41235 41237 41238|41234 41237 41238|41236 41237|41240 41237 41238", wijk_boards, "|")
  split("Meppel|Hoogeveen|Ruinen|Dwingeloo|Beilen", wijk_towns, "|")
  villages[1] = "Meppel|Nijeveen|Broekhuizen|Staphorst|IJhorst|Rogat"
  villages[2] = "Hoogeveen|Hollandscheveld|Elim|Nieuwlande|Tiendeveen|Fluitenberg"
  villages[3] = "Zuidwolde|Ruinen|De Wijk|Koekange|Ansen|Echten"
  villages[4] = "Dwingeloo|Diever|Havelte|Vledder|Uffelte|Wapse"
  villages[5] = "Beilen|Westerbork|Smilde|Hooghalen|Bovensmilde|Wijster"
  school_names = "De Regenboog|Het Palet|De Wissel|De Zonnewijzer|De Vlinder|Het Kompas|De Bron|" \
    "De Klimop|De Springplank|Het Baken|De Tamarisk|Het Mozaiek|De Linde|De Esch|De Sterrenwachter|" \
    "De Kameleon|De Vuurtoren|Het Anker|De Wegwijzer|De Schakel|De Eshoek|De Hoeksteen|Het Startblok|" \
    "De Triangel|De Fontein|De Boomgaard|Het Lichtpunt|De Driesprong|De Wieken|De Horizon"
  school_types = "OBS|CBS|RKBS|IKC|PCBS"
  split("ABCDEFGHJKLMNPRSTUVWXZ", letters, "")
  # The five schools of the first, small demo keep their codes (tests and README use them).
  keep[1, 1] = "21AB00|De Regenboog|41234"; keep[2, 1] = "22CD01|De Wissel|41235"
  keep[3, 1] = "23EF00|Het Palet|41234"
  n = 0
  for (w = 1; w <= nw; w++) {
    nv = split(villages[w], vs, "|"); nwb = split(wijk_boards[w], wbs, " ")
    for (k = 1; k <= wijk_sizes[w]; k++) {
      pupils = randint(70, 400)
      muni = wijk_munis[w]
      if ((w, k) in keep) {
        split(keep[w, k], kp, "|"); code = kp[1]; name = kp[2]; board = kp[3]
      } else {
        p = (n * 37) % 484
        code = sprintf("%02d%s%s00", 30 + n % 60, letters[int(p / 22) + 1], letters[p % 22 + 1])
        n++
        village = vs[randint(1, nv)]
        do name = pick(school_types) " " pick(school_names) " (" village ")"; while (name in used)
        used[name] = 1
        board = rnd() < 0.6 ? wbs[1] : wbs[randint(1, nwb)]
        if (village == "Staphorst" || village == "IJhorst") muni = "GM0180"
      }
      i = add_school(code, name, board, wijken[w], muni, "REGULAR", 1, pupils)
    }
  }
  # Special schools: three SBO, two SO, an OPDC and an MDO facility inside the region; three SO
  # schools outside it that receive a few of the region's pupils.
  i = add_school("24GH00", "SBO De Sprong", "41234", "MEPPEL", "GM0119", "SBO", 1, 255)
  s_sbo[i] = 255
  i = add_school("26SB00", "SBO Het Speelwerk", "41235", "HOOGEVEEN", "GM0118", "SBO", 1, 240)
  s_sbo[i] = 240
  i = add_school("27SB00", "SBO De Brug", "41240", "MIDDEN-DRENTHE", "GM1731", "SBO", 1, 195)
  s_sbo[i] = 195
  i = add_school("25JK00", "SO De Twine", "41235", "HOOGEVEEN", "GM0118", "SO", 1, 280)
  so_counts(i, 185, 60, 35)
  i = add_school("28SO00", "SO De Atlas", "41239", "MEPPEL", "GM0119", "SO", 1, 225)
  so_counts(i, 150, 48, 27)
  add_school("29OP00", "OPDC Het Tussenstation", "41239", "HOOGEVEEN", "GM0118", "OPDC", 1, 0)
  add_school("29MD00", "MDO De Brink (onderwijs en zorg)", "41239", "MEPPEL", "GM0119", "MDO", 1, 0)
  i = add_school("60SO00", "SO Zwolle (buiten de regio)", "", "", "GM0193", "SO", 0, 12)
  so_counts(i, 8, 3, 1)
  i = add_school("61SO00", "SO Assen (buiten de regio)", "", "", "GM0106", "SO", 0, 9)
  so_counts(i, 6, 2, 1)
  i = add_school("62SO00", "SO Emmen (buiten de regio)", "", "", "GM0114", "SO", 0, 6)
  so_counts(i, 3, 2, 1)
  sbo_of["MEPPEL"] = "24GH00"; sbo_of["DE-WOLDEN"] = "24GH00"; sbo_of["HOOGEVEEN"] = "26SB00"
  sbo_of["WESTERVELD"] = "27SB00"; sbo_of["MIDDEN-DRENTHE"] = "27SB00"
  so_of["MEPPEL"] = "28SO00"; so_of["DE-WOLDEN"] = "28SO00"; so_of["WESTERVELD"] = "28SO00"
  so_of["HOOGEVEEN"] = "25JK00"; so_of["MIDDEN-DRENTHE"] = "25JK00"

  f = out "/boards.json"; printf "{\"boards\": [" > f
  for (b = 1; b <= nb; b++) printf "%s\n  {\"code\": %s, \"displayName\": %s}", (b > 1 ? "," : ""), q(boards[b]), q(board_names[b]) > f
  print "]}" > f; close(f)
  f = out "/wijken.json"; printf "{\"wijken\": [" > f
  for (w = 1; w <= nw; w++) printf "%s\n  {\"code\": %s, \"displayName\": %s, \"municipality\": %s}", (w > 1 ? "," : ""), q(wijken[w]), q(wijk_names[w]), q(wijk_munis[w]) > f
  print "]}" > f; close(f)
  f = out "/schools.json"; printf "{\"schools\": [" > f
  for (i = 1; i <= nschools; i++)
    printf "%s\n  {\"code\": %s, \"displayName\": %s, \"board\": %s, \"wijk\": %s, \"municipality\": %s, \"kind\": %s, \"insideRegion\": %s}", \
      (i > 1 ? "," : ""), q(s_code[i]), q(s_name[i]), q(s_board[i]), q(s_wijk[i]), q(s_muni[i]), \
      q("SCHOOL_KIND_" s_kind[i]), (s_inside[i] ? "true" : "false") > f
  print "]}" > f; close(f)

  # ---- pupil counts on 1 February of last year (funding year this year), one row a location ----
  count_date = (year - 1) "-02-01"
  f = out "/counts.json"
  printf "{\"requestId\": \"demo-counts-%s\", \"source\": \"demo: invented counts per location\", \"counts\": [", count_date > f
  c = 0; sbo_total = 0; so_total = 0
  for (i = 1; i <= nschools; i++) {
    if (s_kind[i] == "OPDC" || s_kind[i] == "MDO") continue
    printf "%s\n  {\"school\": %s, \"line\": \"totaal\", \"pupils\": %d, \"sboPupils\": %d, \"soCat1Pupils\": %d, \"soCat2Pupils\": %d, \"soCat3Pupils\": %d}", \
      (c++ ? "," : ""), q(s_code[i]), s_pupils[i], s_sbo[i], s_so1[i], s_so2[i], s_so3[i] > f
    sbo_total += s_sbo[i]; so_total += s_so1[i] + s_so2[i] + s_so3[i]
  }
  print "]}" > f; close(f)

  # ---- the year configuration: EUR 143 basisondersteuning (seed 004), penvoerders per network ----
  f = out "/config.json"
  printf "{\"countDate\": %s, \"basisAmountPerPupilCents\": \"14300\", \"basisSchoolKinds\": [\"regular\", \"sbo\"],", q(count_date) > f
  printf " \"extraPerPupilAmounts\": [{\"code\": \"extra_support\", \"description\": \"extra ondersteuning via het bestuur\", \"amountCents\": \"6000\"}],"  > f
  printf " \"indexationBp\": \"0\", \"hbBudgetCents\": \"14000000\", \"hbCollectiveShare\": {\"numerator\": \"1\", \"denominator\": \"4\"}," > f
  printf " \"wijkPotCents\": \"150000000\", \"wijkFactors\": [{\"code\": \"pupils\", \"weightBp\": \"6000\"}, {\"code\": \"social_index\", \"weightBp\": \"4000\", \"values\": [" > f
  split("120|135|90|80|110", social, "|")
  for (w = 1; w <= nw; w++) printf "%s{\"wijk\": %s, \"value\": \"%d\"}", (w > 1 ? ", " : ""), q(wijken[w]), social[w] > f
  printf "]}], \"penvoerders\": [" > f
  for (w = 1; w <= nw; w++) { split(wijk_boards[w], wbs, " "); printf "%s{\"wijk\": %s, \"board\": %s}", (w > 1 ? ", " : ""), q(wijken[w]), q(wbs[1]) > f }
  printf "], \"sboRateCents\": \"663452\", \"sboThresholdBp\": \"0\", \"soCat1RateCents\": \"1293834\", \"soCat2RateCents\": \"2105323\", \"soCat3RateCents\": \"3141953\"," > f
  printf " \"lightSupportIncomeCents\": \"%d\", \"heavySupportIncomeCents\": \"%d\", \"otherIncomeCents\": \"2500000\"," , 17500 * 30000, 46000 * 30000 > f
  printf " \"reserveCents\": \"95000000\", \"reserveSignalBp\": \"350\", \"reserveSignalMinimumCents\": \"25000000\"}\n" > f
  close(f)

  # ---- TLVs: about 8.5 applications per 1,000 pupils in twelve months --------------------------
  split("drs. A. de Vries|M. Bakker MSc|dr. J. Hoekstra|L. Mulder MSc|drs. P. Smit", first_experts, "|")
  split("ORTHOPEDAGOOG|PSYCHOLOOG|ORTHOPEDAGOOG|ORTHOPEDAGOOG|PSYCHOLOOG", first_professions, "|")
  split("dr. K. Jansen|R. Visser|T. Bos, jeugdarts|S. Dijkstra|E. Meijer", second_experts, "|")
  split("KINDER_JEUGDPSYCHOLOOG|PEDAGOOG|ARTS|MAATSCHAPPELIJK_WERKER|KINDERPSYCHIATER", second_professions, "|")
  ntlv = 260; granted = 0; decided = 0; late = 0
  for (t = 1; t <= ntlv; t++) {
    key = sprintf("tlv-%03d", t); okey = sprintf("opp-%03d", t)
    i = any_regular(); school = s_code[i]; pupil = sprintf("LVS-%05d", 10000 + t)
    sbo = rnd() < 0.58
    r = rnd(); category = r < 0.65 ? "SO_CATEGORY_LAAG" : (r < 0.9 ? "SO_CATEGORY_MIDDEN" : "SO_CATEGORY_HOOG")
    if (sbo) receiving = sbo_of[s_wijk[i]]
    else receiving = rnd() < 0.95 ? so_of[s_wijk[i]] : pick("60SO00|61SO00|62SO00")
    if (t <= 3) {  # a few decided in the last days, so this year has decisions even in January
      C = T - 3 - t; R = C - 5; D = T - t + 1; ext = 0
    } else {
      R = T - randint(0, 364); C = R + 1 + int(rnd() * rnd() * 35)
      u = rnd(); ext = 0
      if (u < 0.86) D = C + randint(10, 41)
      else if (u < 0.96) { ext = 1; E = C + randint(30, 40); D = C + randint(43, 68) }
      else D = C + randint(43, 56)           # decided after the 6 weeks, without an extension
    }
    drawn = R - randint(7, 50); refused = rnd() < 0.08
    consent = rnd() < 0.9
    body = "{\"school\": " q(school) ", \"lvsPupilNumber\": " q(pupil) ", \"drawnUpOn\": " q(date(drawn)) \
      ", \"startDate\": " q(date(drawn)) ", \"consent\": " \
      (consent ? "\"PARENTAL_CONSENT_GIVEN\"" : "\"PARENTAL_CONSENT_REFUSED\"") ", \"consentDate\": " q(date(drawn + randint(1, 6))) "}"
    rec(1, okey, "*", "POST", "opps", "demo-" okey, body)
    body = "{\"referringSchool\": " q(school) ", \"lvsPupilNumber\": " q(pupil) ", \"receivingSchool\": " q(receiving) \
      ", \"kind\": " (sbo ? "\"TLV_KIND_SBO\"" : "\"TLV_KIND_SO\", \"soCategory\": " q(category)) ", \"receivedOn\": " q(date(R)) "}"
    rec(1, key, "*", "POST", "tlvs", "demo-" key, body)
    if (C > T) continue
    body = "{\"completedOn\": " q(date(C)) ", \"opp\": \"{" okey "}\""
    if (!consent) body = body ", \"parentsView\": {\"recordedOn\": " q(date(C)) ", \"summary\": \"Ouders zien liever een plek dichter bij huis; hun zienswijze is besproken.\"}"
    rec(2, key, "TLV_STATUS_RECEIVED", "POST", "{" key "}/completion", "", body "}")
    if (ext && E <= T)
      rec(3, key, "TLV_STATUS_RECEIVED|TLV_STATUS_COMPLETE", "POST", "{" key "}/extensions", "",
          "{\"extendedOn\": " q(date(E)) ", \"reason\": \"Tweede deskundigenadvies volgt later; termijn eenmalig met 4 weken verlengd.\"}")
    if (D > T) continue
    e = randint(0, 2)
    body = "{\"decidedOn\": " q(date(D)) ", \"outcome\": " (refused ? "\"TLV_OUTCOME_REFUSED\"" : "\"TLV_OUTCOME_GRANTED\"") \
      ", \"returnToRegularConsidered\": true, \"returnToRegularNote\": \"Terugplaatsing besproken; evaluatie na een jaar.\"" \
      ", \"advices\": [{\"expertName\": " q(first_experts[e + 1]) ", \"profession\": \"EXPERT_PROFESSION_" first_professions[e + 1] \
      "\", \"advisedOn\": " q(date(D - randint(1, 4))) "}, {\"expertName\": " q(second_experts[e + 2]) \
      ", \"profession\": \"EXPERT_PROFESSION_" second_professions[e + 2] "\", \"advisedOn\": " q(date(D - randint(0, 3))) "}]}"
    rec(4, key, "TLV_STATUS_RECEIVED|TLV_STATUS_COMPLETE|TLV_STATUS_COMPLETE+ext", "POST", "{" key "}/decision", "", body)
    decided++; if (!refused) granted++
    # Granted TLVs whose pupils wait for their place (below): two for SO, one for SBO.
    if (!refused && t > 3 && (sbo ? nwait_sbo < 1 : nwait_so < 2)) {
      nwait++; w_tlv[nwait] = key; w_school[nwait] = school; w_pupil[nwait] = pupil
      w_sbo[nwait] = sbo; w_receiving[nwait] = receiving; w_since[nwait] = D + randint(1, 10)
      if (w_since[nwait] > T) w_since[nwait] = T
      if (sbo) nwait_sbo++; else nwait_so++
    }
  }

  # ---- arrangements: about three a week, decided within 8 weeks as a rule ---------------------
  narr = 180
  for (a = 1; a <= narr; a++) {
    key = sprintf("arr-%03d", a)
    if (a <= 2) { A = T - 30; D = T - a + 1 }  # decided in the last days (January, too)
    else { A = T - randint(0, 364); D = A + (rnd() < 0.93 ? randint(5, 55) : randint(57, 80)) }
    r = rnd(); i = any_regular()
    if (r < 0.75) body = "{\"target\": \"ARRANGEMENT_TARGET_PUPIL\", \"school\": " q(s_code[i]) ", \"lvsPupilNumber\": " q(sprintf("LVS-%05d", 20000 + a)) \
      ", \"description\": " q(pick("Ambulante begeleiding gedrag|Extra ondersteuning lezen en spelling|Onderwijsassistent 8 uur per week|Begeleiding sociaal-emotionele ontwikkeling|Plusklas voor een hoogbegaafde leerling"))
    else if (r < 0.87) body = "{\"target\": \"ARRANGEMENT_TARGET_GROUP\", \"school\": " q(s_code[i]) ", \"description\": \"Groepsarrangement taal en rekenen\""
    else if (r < 0.95) body = "{\"target\": \"ARRANGEMENT_TARGET_TEACHER\", \"school\": " q(s_code[i]) ", \"description\": \"Coaching van de leerkracht in klassenmanagement\""
    else body = "{\"target\": \"ARRANGEMENT_TARGET_WIJK\", \"wijk\": " q(wijken[randint(1, nw)]) ", \"description\": \"Wijkarrangement jonge risicoleerlingen\""
    rec(1, key, "*", "POST", "arrangements", "demo-" key, body ", \"appliedOn\": " q(date(A)) "}")
    if (D > T) continue
    if (rnd() < 0.9) body = "{\"outcome\": \"ARRANGEMENT_OUTCOME_GRANTED\", \"decidedOn\": " q(date(D)) ", \"amountCents\": \"" 5000 * randint(30, 240) \
      "\", \"periodStart\": " q(date(D)) ", \"periodEnd\": " q(date(D + randint(150, 330))) "}"
    else body = "{\"outcome\": \"ARRANGEMENT_OUTCOME_REFUSED\", \"decidedOn\": " q(date(D)) ", \"note\": \"Past binnen de basisondersteuning van de school.\"}"
    rec(2, key, "ARRANGEMENT_STATUS_PENDING", "POST", "{" key "}/decision", "", body)
  }

  # ---- OPDC placements: three a month at the OPDC, one in five extended -----------------------
  nopdc = 36; extended = 0
  for (o = 1; o <= nopdc; o++) {
    key = sprintf("opdc-%03d", o); i = any_regular()
    S = o == 1 ? T - 20 : T - randint(0, 364)
    P = S + randint(60, 150)
    rec(1, key, "*", "POST", "opdc-placements", "demo-" key, "{\"school\": " q(s_code[i]) ", \"lvsPupilNumber\": " \
        q(sprintf("LVS-%05d", 30000 + o)) ", \"opdc\": \"29OP00\", \"startDate\": " q(date(S)) ", \"plannedEnd\": " q(date(P)) "}")
    if ((o == 2 || rnd() < 0.3) && P - 10 <= T) {
      E = P - randint(3, 10); if (E > T) E = T; if (E < S) E = S
      P = P + randint(30, 80)
      rec(2, key, "OPDC_PLACEMENT_STATUS_ACTIVE", "POST", "{" key "}/extensions", "", "{\"newEnd\": " q(date(P)) ", \"extendedOn\": " \
          q(date(E)) ", \"reason\": \"Terugkeer naar de eigen school wordt voorbereid; meer tijd nodig.\"}")
      extended++
    }
    if (P < T)
      rec(3, key, "OPDC_PLACEMENT_STATUS_ACTIVE|OPDC_PLACEMENT_STATUS_ACTIVE+ext", "POST", "{" key "}/ending", "",
          "{\"endedOn\": " q(date(P)) ", \"reason\": \"Terug naar de eigen school met een arrangement.\"}")
  }

  # ---- thuiszitters: about forty in a year, most back at school within a month or two ---------
  ntz = 40; open_cases = 0
  causes = "WAITING_FOR_CARE|WAITING_FOR_CARE|SCHOOL_REFUSAL|SCHOOL_REFUSAL|BEHAVIOUR_OR_SUSPENSION|HEALTH_FIT_FOR_EDUCATION|" \
    "CONFLICT_WITH_SCHOOL|HOME_SITUATION|NO_SUITABLE_SCHOOL_PLACE|OTHER"
  for (z = 1; z <= ntz; z++) {
    key = sprintf("tz-%03d", z); i = any_regular()
    Rp = z <= 12 ? T - 10 - int(rnd() * rnd() * 130) : T - randint(1, 364)  # twelve still open
    Ab = Rp - 28 - (rnd() < 0.85 ? randint(0, 2) : randint(3, 20))
    body = "{\"school\": " q(s_code[i]) ", \"lvsPupilNumber\": " q(sprintf("LVS-%05d", 40000 + z)) ", \"residenceMunicipality\": " \
      q(s_muni[i]) ", \"absenceKind\": " (rnd() < 0.85 ? "\"ABSENCE_KIND_RELATIVE\"" : "\"ABSENCE_KIND_ABSOLUTE\"") \
      ", \"absenceStart\": " q(date(Ab)) ", \"reportedOn\": " q(date(Rp)) ", \"cause\": \"THUISZITTER_CAUSE_" pick(causes) "\"}"
    rec(1, key, "*", "POST", "thuiszitters", "demo-" key, body)
    P = Rp + randint(1, 7)
    if (rnd() < 0.9 && P <= T)
      rec(2, key, "CASE_STATUS_OPEN", "PUT", "{" key "}/plan", "", "{\"plan\": {\"description\": " \
          q(pick("Gedeeltelijke terugkeer met begeleiding, opbouw in uren|Overstap naar een andere school in de wijk|Onderwijs-zorgarrangement met jeugdhulp|Plaatsing op het OPDC voorbereiden")) \
          ", \"agreedOn\": " q(date(P)) ", \"responsibleName\": " q(pick("J. de Boer|A. Kuiper|M. van Dijk|S. Hendriks")) \
          ", \"responsibleRole\": \"trajectbegeleider\", \"responsibleOrganisation\": \"SWV PO 22.03\", \"parentsInvolved\": true}}")
    Cl = Rp + randint(5, 20) + int(rnd() * rnd() * 160)
    if (z > 12 && Cl < T)
      rec(3, key, "CASE_STATUS_OPEN|CASE_STATUS_OPEN+plan", "POST", "{" key "}/closure", "", "{\"closedOn\": " q(date(Cl)) \
          ", \"reason\": " q(pick("school hervat op de eigen school|school hervat op een andere school in de wijk|geplaatst in het SBO met een TLV|gestart op het OPDC")) "}")
    else open_cases++
  }

  # ---- escalations up to doorzettingsmacht: three open cases climb, one child has no case -------
  # es-001: an open case at the SWV, escalated to doorzettingskracht; es-002: a child without a
  # place and without a case, its SWV step past the deadline; es-003: doorzettingsmacht used.
  nes = 3
  for (e = 1; e <= nes; e++) {
    key = sprintf("es-%03d", e); O = T - 40 + 10 * e
    if (e == 2) {
      i = any_regular()
      body = "{\"residenceMunicipality\": " q(s_muni[i])
    } else {
      body = "{\"thuiszitter\": \"{" sprintf("tz-%03d", e) "}\""
      O = T - 6
    }
    rec(2, key, "*", "POST", "escalations", "demo-" key, body ", \"reason\": " \
        q(pick("Geen school biedt een passende plek|Ouders en school komen er samen niet uit|Zorg en onderwijs samen nodig")) \
        ", \"openedOn\": " q(date(O)) ", \"steps\": [{\"level\": \"ESCALATION_LEVEL_SWV\", \"holder\": \"consulent SWV\", " \
        "\"startedOn\": " q(date(O)) ", \"deadline\": " q(date(O + (e == 2 ? 14 : 21))) "}]}")
    if (e == 1)
      rec(3, key, "CASE_STATUS_OPEN", "POST", "{" key "}/steps", "", "{\"level\": \"ESCALATION_LEVEL_DOORZETTINGSKRACHT\", " \
          "\"holder\": \"directeur-bestuurder SWV\", \"startedOn\": " q(date(T - 2)) ", \"deadline\": " q(date(T + 26)) "}")
    if (e == 3) {
      rec(3, key, "CASE_STATUS_OPEN", "POST", "{" key "}/steps", "", "{\"level\": \"ESCALATION_LEVEL_DOORZETTINGSMACHT\", " \
          "\"holder\": \"commissie doorzettingsmacht\", \"startedOn\": " q(date(T - 3)) ", \"deadline\": " q(date(T + 11)) "}")
      i = any_regular()
      rec(4, key, "CASE_STATUS_OPEN|CASE_STATUS_OPEN+dm", "POST", "{" key "}/binding-decision", "", "{\"designatedParty\": \"commissie doorzettingsmacht\", " \
          "\"obligedParty\": " q("bestuur " s_board[i]) ", \"obligedSchool\": " q(s_code[i]) ", \"decision\": \"Plaats met begeleiding in de klas\", " \
          "\"decidedOn\": " q(date(T - 1)) ", \"placeBy\": " q(date(T + 13)) "}")
    }
  }

  # ---- the wijken's yearly plans: every wijk but the last has this year's -------------------------
  for (w = 1; w < nw; w++)
    rec(1, "wp-" w, "*", "POST", "wijk-plans", "demo-wp-" w "-" year, "{\"wijk\": " q(wijken[w]) ", \"year\": " year \
        ", \"summary\": \"Lezen op interventieniveau per school, HB-groepen gedeeld in de wijk, samen met het wijkteam.\", " \
        "\"coversChildLevel\": true, \"coversSchoolLevel\": true, \"coversWijkLevel\": " (w == 1 ? "false" : "true") \
        ", \"adoptedOn\": " q(date(days(year "-01-01") - 20 + 3 * w)) ", \"adoptedBy\": " q("wijkoverleg " wijken[w]) \
        ", \"alignedWithYouthCare\": " (w <= 2 ? "true" : "false") "}")

  # One potential thuiszitter: absent twelve days, reported at once (it becomes a thuiszitter on
  # the 4-week mark by the clock).
  i = any_regular()
  rec(1, "tz-041", "*", "POST", "thuiszitters", "demo-tz-041", "{\"school\": " q(s_code[i]) ", \"lvsPupilNumber\": \"LVS-40041\", " \
      "\"residenceMunicipality\": " q(s_muni[i]) ", \"absenceKind\": \"ABSENCE_KIND_RELATIVE\", \"absenceStart\": " q(date(T - 12)) \
      ", \"reportedOn\": " q(date(T - 2)) ", \"cause\": \"THUISZITTER_CAUSE_SCHOOL_REFUSAL\"}")
  ntz++; open_cases++

  # ---- exemptions 5 onder a and monitorkinderen ------------------------------------------------
  nex = 22; involved = 0
  for (x = 1; x <= nex; x++) {
    key = sprintf("vr-%03d", x); i = any_regular(); St = T - randint(30, 1000)
    inv = x != 5 && x != 17
    involved += inv
    body = "{\"residenceMunicipality\": " q(s_muni[i]) ", \"startDate\": " q(date(St))
    if (rnd() < 0.7) body = body ", \"school\": " q(s_code[i]) ", \"lvsPupilNumber\": " q(sprintf("LVS-%05d", 50000 + x))
    if (rnd() < 0.25) body = body ", \"endDate\": " q(date(St + randint(180, 720)))
    rec(1, key, "*", "POST", "exemptions", "demo-" key, body ", \"swvInvolved\": " (inv ? "true" : "false") "}")
  }
  nmk = 9
  for (m = 1; m <= nmk; m++) {
    key = sprintf("mk-%03d", m); i = any_regular(); H = T - randint(30, 300)
    rec(1, key, "*", "POST", "monitorkinderen", "demo-" key, "{\"school\": " q(s_code[i]) ", \"lvsPupilNumber\": " \
        q(sprintf("LVS-%05d", 60000 + m)) ", \"residenceMunicipality\": " q(s_muni[i]) ", \"reason\": \"MONITORKIND_REASON_" \
        pick("LONG_TERM_SICK|WAITING_FOR_CARE|WAITING_FOR_PLACE|NEEDS_EDUCATION_AND_CARE") "\", \"atHomeSince\": " q(date(H)) \
        ", \"registeredOn\": " q(date(H + randint(7, 25))) "}")
    if (m <= 3 && H + 60 < T)
      rec(2, key, "CASE_STATUS_OPEN", "POST", "{" key "}/closure", "", "{\"closedOn\": " q(date(H + 60)) ", \"reason\": \"weer naar school\"}")
  }

  # ---- school support profiles of this school year: every regular and SBO school inside the
  # region; about 85% at level 3 or 4, 45% at 4; a few with the October update or the MR's
  # four-yearly adoption overdue (docs/support.md "School support profiles") ------------------
  sy = substr(today, 6, 2) + 0 >= 8 ? year : year - 1
  upd = days(sy "-10-01") <= T ? days(sy "-10-01") : days((sy - 1) "-10-01")
  nsop = 0
  for (i = 1; i <= nschools; i++) {
    if (!s_inside[i] || (s_kind[i] != "REGULAR" && s_kind[i] != "SBO")) continue
    nsop++; r = rnd()
    level = r < 0.15 ? 2 : (r < 0.55 ? 3 : 4)
    offers = "\"" pick("dyslexie|dyscalculie|taal-spraak") "\", \"" pick("gedrag|sociaal-emotioneel|autisme") "\""
    if (level == 4) offers = offers ", \"" pick("hoogbegaafdheid|bbp-klas|onderwijs-zorg") "\""
    U = rnd() < 0.08 ? days((sy - 1) "-10-01") : upd - randint(0, 20)
    Ad = T - randint(60, 1500)
    rec(1, sprintf("sop-%03d", nsop), "*", "POST", "school-profiles", "demo-sop-" s_code[i] "-" sy,
        "{\"school\": " q(s_code[i]) ", \"schoolYear\": " q(sy "-" (sy + 1)) ", \"supportLevel\": " level \
        ", \"offers\": [" offers "], \"description\": \"Schoolondersteuningsprofiel (demo)\", \"adoptedByMrOn\": " \
        q(date(Ad < U ? Ad : U)) ", \"updatedOn\": " q(date(U)) ", \"published\": true}")
  }

  # ---- waiting lists: the pupils of the TLVs above wait for their S(B)O place (after the TLVs'
  # decisions, so in phase 5); four wait for youth care, one of them placed since ------------------
  for (k = 1; k <= nwait; k++)
    rec(5, sprintf("wl-%03d", k), "*", "POST", "waiting-entries", "demo-wl-" k,
        "{\"kind\": " (w_sbo[k] ? "\"WAITING_KIND_SBO\"" : "\"WAITING_KIND_SO\"") ", \"school\": " q(w_school[k]) \
        ", \"lvsPupilNumber\": " q(w_pupil[k]) ", \"tlv\": \"{" w_tlv[k] "}\", \"receivingSchool\": " q(w_receiving[k]) \
        ", \"waitingSince\": " q(date(w_since[k])) ", \"note\": \"Geen plek vrij; wacht op de eerste plaats (demo).\"}")
  for (k = 1; k <= 4; k++) {
    key = sprintf("jz-%03d", k); i = any_regular(); W = T - randint(20, 150)
    rec(1, key, "*", "POST", "waiting-entries", "demo-" key, "{\"kind\": \"WAITING_KIND_YOUTH_CARE\", \"school\": " \
        q(s_code[i]) ", \"lvsPupilNumber\": " q(sprintf("LVS-%05d", 70000 + k)) ", \"organisation\": \"MEVIS\", \"waitingSince\": " q(date(W)) "}")
    if (k == 1)
      rec(2, key, "WAITING_STATUS_WAITING", "POST", "{" key "}/ending", "", "{\"endedOn\": " q(date(W + 14 < T ? W + 14 : T)) \
          ", \"outcome\": \"WAITING_OUTCOME_PLACED\", \"note\": \"gestart bij de jeugdhulp\"}")
  }

  # ---- last year's spending accounts (due before 1 February this year): one board was late ----
  f = out "/accounts.tsv"; printf "" > f
  jan1 = days(year "-01-01")
  for (b = 1; b <= nb; b++) {
    Rc = boards[b] == "41241" ? jan1 + 42 : jan1 + randint(8, 29)
    if (Rc > T) Rc = T                  # early January: what has arrived so far
    printf "%s\t%s\t%d\t%d\n", boards[b], date(Rc), 100 * randint(300000, 900000), 100 * randint(100000, 600000) > f
  }
  close(f)

  # ---- the goals the office reports (docs/monitoring.md "Reported indicators") ----------------
  f = out "/measurements.tsv"; printf "" > f
  printf "start-regulier\tLEVEL_SWV\t-\t976000\n" > f
  printf "thuiszitters-verklaarbaar\tLEVEL_SWV\t-\t1000000\nthuiszitters-in-beeld\tLEVEL_SWV\t-\t1000000\n" > f
  printf "tevredenheid-tlv-procedure\tLEVEL_SWV\t-\t78000\n" > f
  split("981000|969000|984000|978000|972000", starts, "|")
  for (w = 1; w <= nw; w++) printf "start-regulier\tLEVEL_WIJK\t%s\t%s\n", wijken[w], starts[w] > f
  close(f)

  f = out "/facts.txt"
  printf "schools %d\nregular_schools %d\nboards %d\nwijken %d\n", nschools, nregular, nb, nw > f
  printf "pupils %d\nregular_pupils %d\nsbo_pupils %d\nso_pupils %d\n", total_regular + sbo_total + so_total, total_regular, sbo_total, so_total > f
  printf "tlvs %d\ntlvs_decided %d\ntlvs_granted %d\narrangements %d\nopdc_placements %d\nopdc_extended %d\n", ntlv, decided, granted, narr, nopdc, extended > f
  printf "thuiszitters %d\nthuiszitters_open %d\nexemptions %d\nexemptions_swv_involved %d\nmonitorkinderen %d\n", ntz, open_cases, nex, involved, nmk > f
  printf "school_profiles %d\nwaiting_so %d\nwaiting_sbo %d\nwaiting_youth_care 4\n", nsop, nwait_so, nwait_sbo > f
  close(f)
  close(records)
}
