# trawl.bash: bash completion for trawl-ingest, trawl-query and trawl-serve, installed under
# each one's name in share/bash-completion/completions. Options come from the
# program's own --help; facet names, formats and colors are the programs' choices; the values
# of --lang, lang:, icc: and province: come from the index named on the line (--index), else
# $TRAWL_INDEX, else ./index.

# The index the command line names.
_trawl_index() {
  local i
  for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
    if [[ ${COMP_WORDS[i]} == --index ]]; then
      printf '%s\n' "${COMP_WORDS[i + 1]}"
      return
    fi
  done
  printf '%s\n' "${TRAWL_INDEX:-index}"
}

# The values of a facet in the index: the first column of its report.
_trawl_values() {
  "${COMP_WORDS[0]}" --index "$(_trawl_index)" --report "$1" --format csv --color never \
    2>/dev/null | tail -n +2 | cut -d, -f1 | grep -v '^(none)$'
}

_trawl() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local facets="icc province year lang kind published"
  COMPREPLY=()
  case $prev in
  --index | --gazetteer)
    mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    return
    ;;
  --glossary | --batch | --chart | --links | --watch)
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    return
    ;;
  --format)
    mapfile -t COMPREPLY < <(compgen -W "text json csv" -- "$cur")
    return
    ;;
  --color)
    mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
    return
    ;;
  --count)
    mapfile -t COMPREPLY < <(compgen -W "passages documents originals" -- "$cur")
    return
    ;;
  --sort)
    mapfile -t COMPREPLY < <(compgen -W "score date -date" -- "$cur")
    return
    ;;
  --group)
    mapfile -t COMPREPLY < <(compgen -W "passages documents" -- "$cur")
    return
    ;;
  --facets | --report)
    # A comma-separated list: complete its last item.
    local head=${cur%,*} words=$facets
    [[ $head == "$cur" ]] && head="" || head="$head,"
    [[ $prev == --report && -z $head ]] && words="$facets published-month icc-registry reprints"
    mapfile -t COMPREPLY < <(compgen -P "$head" -W "$words" -- "${cur##*,}")
    return
    ;;
  --lang)
    if [[ ${COMP_WORDS[0]##*/} == trawl-query ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$(_trawl_values lang)" -- "$cur")
    fi
    return
    ;;
  esac
  # With ':' among COMP_WORDBREAKS (bash's default), "lang:r" arrives as "lang" ":" "r".
  local before=${COMP_WORDS[COMP_CWORD - 2]:-}
  if [[ ${COMP_WORDS[0]##*/} == trawl-query && $prev == : &&
    $before == @(lang|icc|province|year) ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_trawl_values "$before")" -- "$cur")
    return
  fi
  if [[ ${COMP_WORDS[0]##*/} == trawl-query && $cur == : &&
    $prev == @(lang|icc|province|year) ]]; then
    mapfile -t COMPREPLY < <(_trawl_values "$prev")
    return
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$("${COMP_WORDS[0]}" --help 2>/dev/null |
      grep -oE -- '--[a-z][a-z-]*' | sort -u)" -- "$cur")
  elif [[ ${COMP_WORDS[0]##*/} == trawl-query && $cur == @(lang|icc|province|year):* ]]; then
    local facet=${cur%%:*}
    mapfile -t COMPREPLY < <(compgen -P "$facet:" -W "$(_trawl_values "$facet")" -- "${cur#*:}")
  elif [[ ${COMP_WORDS[0]##*/} == trawl-ingest ]]; then
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}
complete -F _trawl trawl-ingest trawl-query trawl-serve
