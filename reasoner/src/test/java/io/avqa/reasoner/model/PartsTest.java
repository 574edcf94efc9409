package io.avqa.reasoner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PartsTest {

    @Test
    void namesParseInAnyCaseWithSpacesAndBlankOrNoneIsEmpty() {
        assertEquals(EnumSet.of(Ablation.SLT, Ablation.SASR), Ablation.parse(" slt, SASR ,"));
        assertEquals(Set.of(Extension.QSA), Extension.parse("qsa"));
        assertEquals(Set.of(), Extension.parse("none"));
        assertEquals(Set.of(), Ablation.parse(""));
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        var e = assertThrows(IllegalArgumentException.class, () -> Extension.parse("qsa,spatial"));
        assertEquals("unknown extension 'spatial'; choose from qsa, dense", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Ablation.parse("tokens"));
        assertEquals("unknown ablation 'tokens'; choose from slt, sasr, sa, ta", e.getMessage());
    }
}
