{{- define "openactes.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "openactes.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "openactes.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "openactes.secretName" -}}
{{- .Values.secret.existingSecret | default (printf "%s-secrets" (include "openactes.fullname" .)) -}}
{{- end -}}

{{- define "openactes.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- .Values.serviceAccount.name | default (include "openactes.fullname" .) -}}
{{- else -}}
{{- .Values.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* Settings and secrets of the gateway, the workers and the migration job. */}}
{{- define "openactes.envFrom" -}}
- configMapRef:
    name: {{ include "openactes.fullname" . }}-config
- secretRef:
    name: {{ include "openactes.secretName" . }}
{{- end -}}

{{/* Egress rules shared by the NetworkPolicies. */}}
{{- define "openactes.egress.dns" -}}
# DNS, to the cluster's resolver.
- to:
    - namespaceSelector: {}
      podSelector:
        matchLabels:
          k8s-app: kube-dns
  ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
{{- end -}}
{{- define "openactes.egress.postgres" -}}
# PostgreSQL (managed service, or CloudNativePG pods).
- to:
    - ipBlock:
        cidr: {{ .Values.postgres.cidr }}
  ports:
    - protocol: TCP
      port: {{ .Values.postgres.port }}
{{- end -}}
{{- define "openactes.egress.temporal" -}}
# Temporal frontend.
- to:
    {{- if .Values.temporalFrontend.cidr }}
    - ipBlock:
        cidr: {{ .Values.temporalFrontend.cidr }}
    {{- else }}
    - namespaceSelector:
        matchLabels:
          {{- toYaml .Values.temporalFrontend.namespaceSelector | nindent 10 }}
      podSelector:
        matchLabels:
          {{- toYaml .Values.temporalFrontend.podSelector | nindent 10 }}
    {{- end }}
  ports:
    - protocol: TCP
      port: {{ .Values.temporalFrontend.port }}
{{- end -}}
