# make_corpus.sh DIR FIRST LAST: writes documents docFIRST.txt..docLAST.txt into DIR, each a
# few kilobytes of sentences about centers, provinces and years, the same on every machine.
dir=$1
first=$2
last=$3
mkdir -p "$dir"
awk -v dir="$dir" -v first="$first" -v last="$last" 'BEGIN {
  n = split("iChongqing JiangsuNow GWICC HolaFujian", center, " ")
  split("Chongqing Jiangsu Guangdong Fujian", province, " ")
  w = split("the center reported that its reporters filmed a harbour festival while editors " \
            "translated stories about river trade tea markets bridges trains and universities " \
            "for readers abroad in several languages", word, " ")
  seed = 7
  for (d = first; d <= last; d++) {
    file = sprintf("%s/doc%03d.txt", dir, d)
    printf "= Report %d =\n\n", d > file
    for (p = 0; p < 6; p++) {
      seed = (seed * 1103515245 + 12345) % 2147483648
      c = seed % n + 1
      printf "In %d, %s of %s wrote:", 2018 + seed % 7, center[c], province[c] > file
      for (s = 0; s < 90; s++) {
        seed = (seed * 1103515245 + 12345) % 2147483648
        printf " %s", word[seed % w + 1] > file
      }
      printf ".\n\n" > file
    }
    close(file)
  }
}'
