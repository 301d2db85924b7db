#!/usr/bin/perl
# tests/abi/check.pl - helper of tests/abi/run.sh: compares the two layout outputs group by
# group and checks that the comparison covers everything Lamina's headers define.
#
#   check.pl groups LAYOUT_C XEN_TXT OURS_TXT
#	one PASS/FAIL line per group of layout.c: both outputs must have the group and be
#	identical in it; a missing output makes every group fail
#   check.pl coverage INCDIR LAYOUT_C OURS_TXT PREPROCESSED DWARF
#	one PASS/FAIL line per header: every constant, function-like macro, typedef, struct,
#	union and struct member (found in the header source, the preprocessed headers and
#	the DWARF of an object including them) must be compared by layout.c
#   check.pl asm OURS_TXT NAMES VALUES
#	one PASS/FAIL line: constants visible to the assembler equal their C values
#
# Lines are "PASS: abi: ..." / "FAIL: abi: ..."; the exit status is always 0.
use strict;
use warnings;

sub slurp {
	my ($file) = @_;
	open(my $fh, '<', $file) or return undef;
	local $/;
	my $text = <$fh>;
	close($fh);
	return $text;
}

sub pass { print "PASS: abi: $_[0]\n"; }
sub fail { print "FAIL: abi: $_[0]\n"; }

# Group names, in order, as written in layout.c.
sub layout_groups {
	my ($layout) = @_;
	my $text = slurp($layout) // '';
	return ($text =~ /\bgroup\("([^"]+)"\);/g);
}

# Parse a layout output into { group => [lines] }.
sub parse_output {
	my ($file) = @_;
	my $text = slurp($file);
	return undef unless defined $text && length $text;
	my (%groups, $cur);
	for my $line (split /\n/, $text) {
		if ($line =~ /^group (.*)$/) {
			$cur = $1;
			$groups{$cur} //= [];
		} elsif (defined $cur) {
			push @{$groups{$cur}}, $line;
		}
	}
	return \%groups;
}

sub cmd_groups {
	my ($layout, $xen_txt, $ours_txt) = @_;
	my @names = layout_groups($layout);
	my $xen = parse_output($xen_txt);
	my $ours = parse_output($ours_txt);
	fail("layout.c defines no groups") unless @names;
	for my $g (@names) {
		if (!$xen) {
			fail("$g: no output from the build against Xen's headers");
			next;
		}
		if (!$ours) {
			fail("$g: no output from the build against Lamina's headers");
			next;
		}
		my $x = $xen->{$g};
		my $o = $ours->{$g};
		if (!$x || !$o) {
			fail("$g: group missing from the " . (!$x ? "Xen" : "Lamina") . " output");
			next;
		}
		my $n = @$x > @$o ? @$x : @$o;
		my $diff;
		for my $i (0 .. $n - 1) {
			my $a = $x->[$i] // '(nothing)';
			my $b = $o->[$i] // '(nothing)';
			if ($a ne $b) {
				$diff = "Xen has '$a', Lamina has '$b'";
				last;
			}
		}
		if (defined $diff) {
			fail("$g: $diff");
		} elsif (!@$x) {
			fail("$g: group is empty");
		} else {
			pass("$g (" . scalar(@$x) . " items identical)");
		}
	}
}

# ---- coverage ----

# DWARF from readelf --debug-dump=info: member leaf paths of every named struct/union and of
# every typedef that names an anonymous struct/union.
my (%tag, %name, %type, %kids, %depth);

sub parse_dwarf {
	my ($file) = @_;
	open(my $fh, '<', $file) or return 0;
	my (@stack, $cur);
	while (my $line = <$fh>) {
		if ($line =~ /^\s*<(\d+)><([0-9a-f]+)>: Abbrev Number: (\d+)(?: \((\w+)\))?/) {
			my ($d, $off, $abbrev, $t) = ($1, hex($2), $3, $4);
			if ($abbrev == 0) {
				undef $cur;
				next;
			}
			$tag{$off} = $t;
			$depth{$off} = $d;
			$stack[$d] = $off;
			push @{$kids{$stack[$d - 1]}}, $off if $d > 0;
			$cur = $off;
		} elsif (defined $cur && $line =~ /DW_AT_name\s*:\s*(?:\(.*\):\s*)?(\S+)\s*$/) {
			$name{$cur} = $1;
		} elsif (defined $cur && $line =~ /DW_AT_type\s*:\s*<0x([0-9a-f]+)>/) {
			$type{$cur} = hex($1);
		}
	}
	close($fh);
	return 1;
}

sub strip_type {
	my ($t) = @_;
	while (defined $t && $tag{$t} =~ /typedef|const_type|volatile_type|array_type/) {
		$t = $type{$t};
	}
	return $t;
}

sub is_aggregate {
	my ($t) = @_;
	return defined $t && $tag{$t} =~ /DW_TAG_(structure|union)_type/;
}

sub leaves {
	my ($t, $prefix) = @_;
	my @out;
	for my $m (@{$kids{$t} || []}) {
		next unless $tag{$m} eq 'DW_TAG_member';
		my $n = $name{$m};
		my $b = strip_type($type{$m});
		if (is_aggregate($b) && !defined $name{$b}) {
			push @out, leaves($b, defined $n ? "$prefix$n." : $prefix);
		} else {
			push @out, $prefix . ($n // '?');
		}
	}
	return @out;
}

# { type name => [leaf paths] } for named aggregates and typedefs of anonymous aggregates.
sub dwarf_types {
	my %types;
	for my $off (keys %tag) {
		next unless ($depth{$off} // 0) == 1;
		if (is_aggregate($off) && defined $name{$off}) {
			$types{$name{$off}} = [leaves($off, '')];
		} elsif ($tag{$off} eq 'DW_TAG_typedef' && defined $name{$off}) {
			my $b = strip_type($type{$off});
			if (is_aggregate($b) && !defined $name{$b}) {
				$types{$name{$off}} = [leaves($b, '')];
			}
		}
	}
	return \%types;
}

# Preprocessed text, split by the header (relative to INCDIR) each line came from.
sub split_preprocessed {
	my ($file, $incdir) = @_;
	my %chunks;
	my $cur = '';
	open(my $fh, '<', $file) or return \%chunks;
	while (my $line = <$fh>) {
		if ($line =~ /^# \d+ "([^"]+)"/) {
			my $path = $1;
			1 while $path =~ s{/[^/]+/\.\./}{/};
			$cur = '';
			$cur = substr($path, length($incdir) + 1) if index($path, "$incdir/") == 0;
			next;
		}
		$chunks{$cur} .= $line if $cur ne '';
	}
	close($fh);
	return \%chunks;
}

# typedef names and aggregate tags defined in a preprocessed chunk.
sub declared_names {
	my ($text) = @_;
	my (@typedefs, @tags);
	push @tags, $2 while $text =~ /\b(struct|union)\s+(\w+)\s*\{/g;
	my $len = length $text;
	while ($text =~ /\btypedef\b/g) {
		my $start = pos($text);
		my ($depth, $i) = (0, $start);
		for (; $i < $len; $i++) {
			my $c = substr($text, $i, 1);
			$depth++ if $c eq '{';
			$depth-- if $c eq '}';
			last if $c eq ';' && $depth == 0;
		}
		my $decl = substr($text, $start, $i - $start);
		$decl =~ s/\{.*\}//s;
		$decl =~ s/\[[^\]]*\]\s*$//;
		push @typedefs, $1 if $decl =~ /(\w+)\s*$/;
		pos($text) = $i;
	}
	return (\@typedefs, \@tags);
}

sub cmd_coverage {
	my ($incdir, $layout, $ours_txt, $pp, $dwarf) = @_;
	my $out = slurp($ours_txt);
	my $layout_text = slurp($layout) // '';
	my @headers = sort grep { !/lamina-abi\.h$/ }
		map { substr($_, length($incdir) + 1) } grep { !m{/xen/sys/} } glob("$incdir/xen/*.h $incdir/xen/*/*.h");
	if (!defined $out || !length $out) {
		fail("coverage $_: no output from the build against Lamina's headers") for @headers;
		return;
	}
	my (%value, %size, %typedef, %fields);
	for (split /\n/, $out) {
		$value{$1} = 1 if /^(?:value|string) (\w+) /;
		$size{$1} = 1 if /^size (\w+) /;
		$typedef{$1} = 1 if /^typedef (\w+) 1$/;
		if (/^offset (\w+)\.(\S+) /) {
			my ($t, $path) = ($1, $2);
			$path =~ s/\[\d+\]//g;
			$fields{$t}{$path} = 1;
		}
	}
	my $have_dwarf = parse_dwarf($dwarf);
	my $types = $have_dwarf ? dwarf_types() : {};
	my $chunks = split_preprocessed($pp, $incdir);

	for my $h (@headers) {
		my $src = slurp("$incdir/$h") // '';
		my @missing;
		my ($nconst, $nmacro, $ntype, $nfield) = (0, 0, 0, 0);
		for my $line (split /\n/, $src) {
			if ($line =~ /^#\s*define\s+(\w+)(\()?/) {
				my ($n, $fn) = ($1, $2);
				next if $n =~ /^XEN_ABI_/;
				if ($fn) {
					$nmacro++;
					next if $layout_text =~ /\b\Q$n\E\b/;
					push @missing, "macro $n";
				} else {
					$nconst++;
					push @missing, "constant $n" unless $value{$n};
				}
			} elsif ($line =~ /^\s+([A-Z][A-Z0-9_]*)\s*=/) {
				$nconst++;	# enumerator
				push @missing, "constant $1" unless $value{$1};
			}
		}
		my ($tds, $tags) = declared_names($chunks->{$h} // '');
		for my $t (@$tds) {
			$ntype++;
			push @missing, "typedef $t" unless $typedef{$t} || $size{$t};
		}
		for my $t (@$tags, grep { $types->{$_} } @$tds) {
			$ntype++ unless grep { $_ eq $t } @$tds;
			push @missing, "type $t" unless $size{$t};
			if (!$types->{$t}) {
				push @missing, "no debug info for $t";
				next;
			}
			for my $f (@{$types->{$t}}) {
				$nfield++;
				push @missing, "field $t.$f" unless $fields{$t}{$f};
			}
		}
		if (!$have_dwarf && ($ntype || $nfield)) {
			push @missing, "debug info unavailable";
		}
		my $what = "$nconst constants, $nmacro macros, $ntype types, $nfield fields";
		if (@missing) {
			my $list = join(', ', @missing[0 .. ($#missing < 5 ? $#missing : 5)]);
			$list .= ", ..." if @missing > 6;
			fail("coverage $h: " . scalar(@missing) . " not compared: $list");
		} elsif ($nconst + $nmacro + $ntype == 0) {
			fail("coverage $h: nothing found to compare");
		} else {
			pass("coverage $h: all of $what compared with Xen");
		}
	}
}

# ---- constants seen by the assembler ----

sub cmd_asm {
	my ($ours_txt, $names_file, $values_file) = @_;
	my $out = slurp($ours_txt) // '';
	my %c;
	for (split /\n/, $out) {
		$c{$1} = $2 if /^value (\w+) (-?\d+)$/;
	}
	my @names = split /\n/, (slurp($names_file) // '');
	my @values = split /\n/, (slurp($values_file) // '');
	if (!@names || @names != @values) {
		fail("assembler: constants could not be assembled (see asm.log)");
		return;
	}
	my ($seen, @bad) = (0);
	for my $i (0 .. $#names) {
		# each line: "<defined flag> <value>", two 64-bit words in hex
		my ($flag, $have) = split ' ', $values[$i];
		next unless hex(substr($flag, -8)) == 1;	# not defined for the assembler
		$seen++;
		my $want = $c{$names[$i]};
		# compare as 64-bit two's complement
		my $cmp = sprintf("%016x", $want);
		push @bad, "$names[$i] is 0x$have, C says $want" unless lc($have) eq $cmp;
	}
	if (@bad) {
		fail("assembler: " . join('; ', @bad[0 .. ($#bad < 3 ? $#bad : 3)]));
	} elsif ($seen < 100) {
		fail("assembler: only $seen constants are visible to assembly code");
	} else {
		pass("assembler: $seen of " . scalar(@names) .
		     " integer constants are usable in .S files, with their C values");
	}
}

my $cmd = shift @ARGV // '';
if ($cmd eq 'groups') {
	cmd_groups(@ARGV);
} elsif ($cmd eq 'coverage') {
	cmd_coverage(@ARGV);
} elsif ($cmd eq 'asm') {
	cmd_asm(@ARGV);
} else {
	fail("check.pl: unknown command '$cmd'");
}
exit 0;
